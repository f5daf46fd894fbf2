#pragma once
// POST /api/messages/{id}/cancel: cancels a message held for quiet hours (Permission::MessagesSend;
// its owner or an administrator). 200 with the message; 409 when it is no longer scheduled.
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"
#include "messaging/message_feed.hpp"

#include <memory>

namespace mmsgate {

struct CancelRouteDependencies : SignedInRouteDependencies {
    std::shared_ptr<MessageFeed> feed;
};

void add_cancel_route(Router& router, CancelRouteDependencies dependencies);

}
