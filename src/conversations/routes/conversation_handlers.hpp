#pragma once
// The conversations API for signed-in users (every user sees every conversation: they are the
// team's): GET /api/conversations (newest activity first, unread counts, search, cursor),
// GET /api/conversations/{id} (the thread, cursor-paged to older messages) and
// POST /api/conversations/{id}/read (same-origin only), which tells the live streams.
#include "auth/authenticated_user.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "messaging/message_feed.hpp"
#include "store/database.hpp"

namespace mmsgate {

struct ConversationDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<MessageFeed> feed;
    Authenticate authenticate;
};

void add_conversation_routes(Router& router, ConversationDependencies dependencies);

}
