#pragma once
// POST (or GET) /api/plivo/inbound: Plivo delivers incoming SMS and MMS here (the message_url of
// the Plivo Application, see `mmsgate plivo setup`). Signed like delivery reports (V3 when any V3
// header is present, else V2; each nonce once, in the same table): a bad, missing or replayed
// signature is 403 and stores nothing. Each MessageUUID is stored once, however often Plivo
// delivers it; the answer (an empty <Response/>) comes as soon as the row is committed. Media are
// copied afterwards by the InboundMediaCopier.
// V2 signs only the URL and nonce, so a message signed with V2 alone is a hint: it is stored only
// when Plivo's Get Message API lists that MessageUUID as inbound, from the same sender to the same
// number (decisions.md); otherwise 403 and nothing stored.
#include "config/config.hpp"
#include "conversations/conversation.hpp"
#include "http/router.hpp"
#include "messaging/message_feed.hpp"
#include "messaging/plivo_gateway.hpp"
#include "store/database.hpp"

#include <functional>

namespace mmsgate {

struct InboundDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<MessageFeed> feed;
    PlivoGateway& plivo; // Get Message, to confirm messages signed with V2 only
    std::function<void()> media_arrived; // wakes the media copier
    std::function<void()> outbox_changed = {}; // wakes the dispatcher (an automatic reply was queued)
};

void add_inbound_routes(Router& router, InboundDependencies dependencies);

}
