#pragma once
// Every query on the conversation tables, written once for SQLite and PostgreSQL; they run inside a
// Database job (its transaction).
#include "conversations/conversation.hpp"
#include "store/sql_connection.hpp"

namespace mmsgate {

// The conversation of (our, their) number, created when missing; its summary moves to `activity`
// unless it already shows something newer. Returns its id.
[[nodiscard]] Result<std::string> record_conversation_activity(SqlConnection& connection, ConversationActivity const& activity);

struct ConversationQuery {
    std::string user_id; // unread counts are this user's
    std::optional<std::string> search; // part of either number, or of a message's text
    std::optional<std::string> cursor;
    int limit = 50;
};

struct ConversationPage {
    std::vector<ConversationSummary> conversations;
    std::optional<std::string> next_cursor;
    std::int64_t unread_total = 0;
};

// Newest activity first.
[[nodiscard]] Result<ConversationPage> list_conversations(SqlConnection& connection, ConversationQuery const& query);
[[nodiscard]] Result<std::optional<ConversationSummary>> find_conversation(
    SqlConnection& connection, std::string const& id, std::string const& user_id);
// The conversations the given outbound messages belong to (unread counts: 0).
[[nodiscard]] Result<std::vector<ConversationSummary>> conversations_of_messages(
    SqlConnection& connection, std::vector<std::string> const& message_ids);
[[nodiscard]] Result<std::int64_t> unread_total(SqlConnection& connection, std::string const& user_id);

struct ThreadPage {
    std::vector<ThreadMessage> messages; // oldest first
    std::optional<std::string> next_cursor; // pages to older messages
};

// The messages of a conversation before `before` (a cursor from a previous page; none: the newest).
[[nodiscard]] Result<ThreadPage> conversation_thread(
    SqlConnection& connection, std::string const& conversation_id, std::optional<std::string> const& before, int limit);

// Everything received up to `now` is read for this user.
[[nodiscard]] Result<void> mark_conversation_read(
    SqlConnection& connection, std::string const& conversation_id, std::string const& user_id, Millis now);

}
