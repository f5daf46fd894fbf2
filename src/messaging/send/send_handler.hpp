#pragma once
// POST /api/send-mms: the seed's contract (request {to, text, mediaUrl}, response {success,
// message, plivoResponse}) plus mmsgate's: several recipients and media, Idempotency-Key, a
// durable outbox, and honest status codes for Plivo's answers.
// POST /api/messages: the general send endpoint (issue 15), the same body, rules and answers plus
// "type" (sms | mms), "from" and "origin" (send_request.hpp). Both tell the live streams about the
// conversations their messages joined ("conversation" events).
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"
#include "messaging/dispatch/dispatcher.hpp"
#include "messaging/message_feed.hpp"

#include <memory>

namespace mmsgate {

struct SendHandlerDependencies : SignedInRouteDependencies {
    std::shared_ptr<Dispatcher> dispatcher;
    std::shared_ptr<MessageFeed> feed = nullptr;
};

void add_send_routes(Router& router, SendHandlerDependencies dependencies);

}
