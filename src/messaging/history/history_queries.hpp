#pragma once
// The history stage's queries: pages of messages (filters, search, cursor), a message's events, counts.
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mmsgate {

struct MessageQuery {
    std::optional<std::string> user_id; // none: every user's (admins)
    std::optional<MessageState> state;
    std::optional<std::string> recipient;
    // Part of a number ("0112", formatting ignored) or of the text, case-insensitive (ASCII).
    std::optional<std::string> search;
    std::optional<std::string> request_id; // the messages of one send
    std::optional<Millis> created_from;
    std::optional<Millis> created_to;
    std::optional<std::string> cursor; // opaque, from a previous page
    int limit = 50;
};

struct MessagePage {
    std::vector<MessageRecord> messages;
    std::optional<std::string> next_cursor;
};

[[nodiscard]] Result<MessagePage> list_messages(SqlConnection& connection, MessageQuery const& query);
[[nodiscard]] Result<std::vector<MessageEventRecord>> events_of_message(SqlConnection& connection, std::string const& id);
[[nodiscard]] Result<std::vector<std::pair<std::string, std::int64_t>>> count_messages_by_state(SqlConnection& connection);

}
