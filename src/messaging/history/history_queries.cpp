#include "messaging/history/history_queries.hpp"

#include "core/encoding.hpp"
#include "messaging/message_store.hpp"
#include "store/search_patterns.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace mmsgate {

namespace {

MessageEventRecord event_from_row(RowReader& next)
{
    MessageEventRecord event;
    next(event.id, event.message_id);
    event.state = parse_message_state(next.next<std::string>()).value_or(MessageState::Unknown);
    read_report_figures(next, event);
    next(event.source, event.detail, event.occurred_at);
    return event;
}

std::string encode_cursor(MessageRecord const& message)
{
    return base64url_encode(fmt::format("{}:{}", message.created_at, message.id));
}

std::optional<std::pair<Millis, std::string>> decode_cursor(std::string const& cursor)
{
    auto text = base64url_decode(cursor);
    if (!text)
        return std::nullopt;
    auto colon = text->find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    try {
        return std::pair { Millis(std::stoll(text->substr(0, colon))), text->substr(colon + 1) };
    } catch (std::exception const&) {
        return std::nullopt;
    }
}

}

Result<MessagePage> list_messages(SqlConnection& connection, MessageQuery const& query)
{
    std::string where = "1 = 1";
    SqlParams params;
    auto add = [&](std::string const& condition, SqlValue value) {
        params.push_back(std::move(value));
        where += fmt::format(" AND {}", fmt::format(fmt::runtime(condition), params.size()));
    };
    if (query.user_id)
        add("m.user_id = ${}", *query.user_id);
    if (query.state)
        add("m.state = ${}", std::string(to_string(*query.state)));
    if (query.recipient)
        add("m.recipient = ${}", *query.recipient);
    if (query.request_id)
        add("m.request_id = ${}", *query.request_id);
    if (query.search) {
        // No index serves a match in the middle of a value; the user's own rows are walked newest
        // first through mmsgate_message_user_idx and the walk stops once a page is full
        // (docs/decisions.md).
        params.push_back(like_contains_pattern(*query.search));
        auto text_match = fmt::format("LOWER(r.text) LIKE ${} ESCAPE '\\'", params.size());
        if (auto digits = phone_search_digits(*query.search); !digits.empty()) {
            params.push_back(like_contains_pattern(digits));
            where += fmt::format(" AND (m.recipient LIKE ${} ESCAPE '\\' OR {})", params.size(), text_match);
        } else {
            where += " AND " + text_match;
        }
    }
    if (query.created_from)
        add("m.created_at >= ${}", *query.created_from);
    if (query.created_to)
        add("m.created_at <= ${}", *query.created_to);
    if (query.cursor) {
        auto cursor = decode_cursor(*query.cursor);
        if (!cursor)
            return fail(ErrorCode::InvalidArgument, "cursor is not one this server issued");
        params.push_back(cursor->first);
        params.push_back(cursor->second);
        where += fmt::format(" AND (m.created_at < ${0} OR (m.created_at = ${0} AND m.id < ${1}))", params.size() - 1,
            params.size());
    }
    auto limit = std::clamp(query.limit, 1, 500);
    params.push_back(std::int64_t(limit + 1));
    where += fmt::format(" ORDER BY m.created_at DESC, m.id DESC LIMIT ${}", params.size());
    auto messages = select_messages(connection, where, params);
    if (!messages)
        return std::unexpected(std::move(messages.error()));
    MessagePage page;
    if (int(messages->size()) > limit) {
        messages->resize(std::size_t(limit));
        page.next_cursor = encode_cursor(messages->back());
    }
    page.messages = std::move(*messages);
    return page;
}

Result<std::vector<MessageEventRecord>> events_of_message(SqlConnection& connection, std::string const& id)
{
    return select_rows(connection,
        "SELECT id, message_id, state, sequence, error_code, units, total_rate, total_amount, source, detail, occurred_at "
        "FROM mmsgate_message_event WHERE message_id = $1 ORDER BY occurred_at, id",
        { id }, event_from_row);
}

Result<std::vector<std::pair<std::string, std::int64_t>>> count_messages_by_state(SqlConnection& connection)
{
    return select_rows(connection, "SELECT state, COUNT(*) FROM mmsgate_message GROUP BY state", {}, [](RowReader& next) {
        auto state = next.next<std::string>();
        return std::pair { std::move(state), next.next<std::int64_t>() };
    });
}

}
