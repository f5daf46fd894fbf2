#pragma once
// POST /api/messages/{id}/cancel: cancels a message held for quiet hours (Permission::MessagesSend;
// its owner or an administrator). 200 with the message; 409 when it is no longer scheduled.
#include "auth/authenticated_user.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "messaging/message_feed.hpp"
#include "store/database.hpp"

#include <memory>

namespace mmsgate {

struct CancelRouteDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<MessageFeed> feed;
    Authenticate authenticate;
};

void add_cancel_route(Router& router, CancelRouteDependencies dependencies);

}
