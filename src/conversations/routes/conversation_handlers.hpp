#pragma once
// The conversations API for signed-in users (every user sees every conversation: they are the
// team's): GET /api/conversations (newest activity first, unread counts, search, cursor),
// GET /api/conversations/{id} (the thread, cursor-paged to older messages) and
// POST /api/conversations/{id}/read (same-origin only), which tells the live streams.
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"
#include "messaging/message_feed.hpp"

namespace mmsgate {

struct ConversationDependencies : SignedInRouteDependencies {
    std::shared_ptr<MessageFeed> feed;
};

void add_conversation_routes(Router& router, ConversationDependencies dependencies);

}
