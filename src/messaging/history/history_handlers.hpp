#pragma once
// The history API: GET /api/messages (cursor pages, filters), GET /api/messages/{id} (with its
// event timeline), GET /api/messages/export.csv, GET /api/messages/stream (live changes, SSE) and
// POST /api/messages/{id}/resend (a deliberate resend of a message in state unknown).
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"
#include "messaging/dispatch/dispatcher.hpp"
#include "messaging/message_feed.hpp"

namespace mmsgate {

struct HistoryDependencies : SignedInRouteDependencies {
    std::shared_ptr<Dispatcher> dispatcher;
    std::shared_ptr<MessageFeed> feed;
};

void add_history_routes(Router& router, HistoryDependencies dependencies);

}
