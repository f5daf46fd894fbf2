#pragma once
// POST /api/send-mms: the seed's contract (request {to, text, mediaUrl}, response {success,
// message, plivoResponse}) plus mmsgate's: several recipients and media, Idempotency-Key, a
// durable outbox, and honest status codes for Plivo's answers.
#include "auth/authenticated_user.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "messaging/dispatch/dispatcher.hpp"
#include "store/database.hpp"

#include <memory>

namespace mmsgate {

struct SendHandlerDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<Dispatcher> dispatcher;
    Authenticate authenticate;
};

void add_send_routes(Router& router, SendHandlerDependencies dependencies);

}
