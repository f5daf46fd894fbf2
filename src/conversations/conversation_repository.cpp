#include "conversations/conversation_repository.hpp"

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "store/row_reader.hpp"
#include "store/search_patterns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <limits>

namespace mmsgate {

namespace {

using Position = std::pair<Millis, std::string>; // (time, id) of a message: what cursors hold

// The unread count of conversation c for user $1: received after that user's read_at.
constexpr char kUnreadCount[]
    = "(SELECT count(*) FROM mmsgate_inbound_message i WHERE i.conversation_id = c.id AND i.received_at > "
      "COALESCE((SELECT cr.read_at FROM mmsgate_conversation_read cr WHERE cr.conversation_id = c.id AND cr.user_id = $1), 0))";

constexpr char kLastState[]
    = "CASE WHEN c.last_direction = 'out' THEN (SELECT m.state FROM mmsgate_message m WHERE m.conversation_id = c.id "
      "ORDER BY m.created_at DESC, m.id DESC LIMIT 1) END";

std::string summary_columns()
{
    return fmt::format("c.id, c.our_number, c.their_number, c.last_direction, c.last_text, c.last_has_media, "
                       "c.last_message_at, {}, {}, c.updated_at FROM mmsgate_conversation c",
        kLastState, kUnreadCount);
}

ConversationSummary summary_from_row(RowReader& next)
{
    ConversationSummary summary;
    next(summary.id, summary.our_number, summary.their_number, summary.last_direction, summary.last_text,
        summary.last_has_media, summary.last_message_at, summary.last_state, summary.unread_count, summary.updated_at);
    return summary;
}

std::string encode_cursor(Millis at, std::string const& id) { return base64url_encode(fmt::format("{}:{}", at, id)); }

Result<Position> decode_cursor(std::string const& cursor)
{
    auto text = base64url_decode(cursor);
    auto colon = text ? text->find(':') : std::string::npos;
    if (colon == std::string::npos)
        return fail_field("cursor", "cursor is not one this server gave out");
    Millis at = 0;
    for (char digit : text->substr(0, colon)) {
        if (!std::isdigit(static_cast<unsigned char>(digit)) || at > (std::numeric_limits<Millis>::max() - 9) / 10)
            return fail_field("cursor", "cursor is not one this server gave out");
        at = at * 10 + (digit - '0');
    }
    return std::pair { at, text->substr(colon + 1) };
}

void read_outbound(RowReader& next, ThreadMessage& message)
{
    next(message.media_urls);
    for (auto& media_id : next.next<std::vector<std::string>>())
        message.media_urls.push_back("plivo-media:" + media_id);
    message.state = next.next<std::string>();
    next(message.error_code);
    message.automatic = next.next<std::string>() == "automatic";
    next(message.created_at);
}

void read_inbound(RowReader& next, ThreadMessage& message) { next(message.error_code, message.flag, message.created_at); }

ThreadMedia read_sent_media(RowReader& next)
{
    ThreadMedia media;
    next(media.id, media.content_type);
    media.state = "stored";
    next(media.upload_id, media.bytes, media.width, media.height);
    return media;
}

ThreadMedia read_inbound_media(RowReader& next)
{
    ThreadMedia media;
    next(media.state, media.id, media.content_type);
    return media;
}

// One direction of a thread: the table its messages are in, and the media they carry.
struct ThreadSide {
    std::string_view direction; // in | out
    // "SELECT … FROM …": id, type, text, from, to, then the columns read_rest reads.
    std::string_view select_from;
    std::string_view conversation_column;
    std::string_view at_column;
    std::string_view id_column;
    void (*read_rest)(RowReader& next, ThreadMessage& message);
    // Its "{}" becomes the ids of the messages; the first column names the message, read_media reads the rest.
    std::string_view media_query;
    ThreadMedia (*read_media)(RowReader& next);
};

constexpr ThreadSide kOutbound {
    "out",
    "SELECT m.id, r.message_type, r.text, r.sender, m.recipient, r.media_urls, r.media_ids, m.state, m.error_code, r.origin, "
    "m.created_at FROM mmsgate_message m JOIN mmsgate_send_request r ON r.id = m.request_id",
    "m.conversation_id",
    "m.created_at",
    "m.id",
    &read_outbound,
    // The uploads each outbound message carries (issue 18), for thumbnails.
    "SELECT m.id, u.media_id, md.content_type, u.id, md.size_bytes, u.width, u.height FROM mmsgate_message m "
    "JOIN mmsgate_send_upload s ON s.request_id = m.request_id JOIN mmsgate_upload u ON u.id = s.upload_id "
    "JOIN mmsgate_media md ON md.id = u.media_id WHERE m.id IN ({}) ORDER BY m.id, s.position",
    &read_sent_media,
};

constexpr ThreadSide kInbound {
    "in",
    "SELECT id, message_type, text, from_number, to_number, error_code, flag, received_at FROM mmsgate_inbound_message",
    "conversation_id",
    "received_at",
    "id",
    &read_inbound,
    "SELECT im.inbound_message_id, im.state, im.media_id, md.content_type FROM mmsgate_inbound_media im "
    "LEFT JOIN mmsgate_media md ON md.id = im.media_id WHERE im.inbound_message_id IN ({}) "
    "ORDER BY im.inbound_message_id, im.position",
    &read_inbound_media,
};

// The newest `limit` rows of one side of a conversation, before `before` if given.
Result<SqlResult> newest_rows(SqlConnection& connection, ThreadSide const& side, std::string const& conversation_id,
    std::optional<Position> const& before, int limit)
{
    SqlParams params { conversation_id };
    std::string window;
    if (before) {
        params.emplace_back(before->first);
        params.emplace_back(before->second);
        window = fmt::format(" AND ({0} < $2 OR ({0} = $2 AND {1} < $3))", side.at_column, side.id_column);
    }
    return connection.execute(fmt::format("{} WHERE {} = $1{} ORDER BY {} DESC, {} DESC LIMIT {}", side.select_from,
                                  side.conversation_column, window, side.at_column, side.id_column, limit),
        params);
}

// Gives each of `messages` the media of its side.
Result<void> attach_media(SqlConnection& connection, std::vector<ThreadMessage>& messages, ThreadSide const& side)
{
    if (messages.empty())
        return {};
    std::string placeholders;
    SqlParams params;
    for (auto const& message : messages) {
        params.emplace_back(message.id);
        placeholders += fmt::format("{}${}", placeholders.empty() ? "" : ", ", params.size());
    }
    auto rows = connection.execute(fmt::format(fmt::runtime(side.media_query), placeholders), params);
    if (!rows)
        return std::unexpected(std::move(rows.error()));
    for (auto const& row : rows->rows) {
        RowReader next(row);
        auto owner = std::ranges::find(messages, next.next<std::string>(), &ThreadMessage::id);
        if (owner != messages.end())
            owner->media.push_back(side.read_media(next));
    }
    return {};
}

Result<std::vector<ThreadMessage>> side_messages(SqlConnection& connection, ThreadSide const& side,
    std::string const& conversation_id, std::optional<Position> const& before, int limit)
{
    auto rows = newest_rows(connection, side, conversation_id, before, limit);
    if (!rows)
        return std::unexpected(std::move(rows.error()));
    auto messages = read_rows(*rows, [&side](RowReader& next) {
        ThreadMessage message;
        message.direction = side.direction;
        next(message.id, message.type, message.text, message.from, message.to);
        side.read_rest(next, message);
        return message;
    });
    if (auto attached = attach_media(connection, messages, side); !attached)
        return std::unexpected(std::move(attached.error()));
    return messages;
}

bool newer_first(ThreadMessage const& a, ThreadMessage const& b)
{
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
}

}

Result<std::string> record_conversation_activity(SqlConnection& connection, ConversationActivity const& activity)
{
    // The summary shows the newest message: an older one arriving late (a retried delivery) leaves it.
    auto result = connection.execute(
        "INSERT INTO mmsgate_conversation (id, our_number, their_number, last_message_at, last_direction, last_text, "
        "last_has_media, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $4, $4) "
        "ON CONFLICT (our_number, their_number) DO UPDATE SET "
        "last_direction = CASE WHEN excluded.last_message_at >= mmsgate_conversation.last_message_at "
        "THEN excluded.last_direction ELSE mmsgate_conversation.last_direction END, "
        "last_text = CASE WHEN excluded.last_message_at >= mmsgate_conversation.last_message_at "
        "THEN excluded.last_text ELSE mmsgate_conversation.last_text END, "
        "last_has_media = CASE WHEN excluded.last_message_at >= mmsgate_conversation.last_message_at "
        "THEN excluded.last_has_media ELSE mmsgate_conversation.last_has_media END, "
        "last_message_at = CASE WHEN excluded.last_message_at >= mmsgate_conversation.last_message_at "
        "THEN excluded.last_message_at ELSE mmsgate_conversation.last_message_at END, "
        "updated_at = excluded.updated_at RETURNING id",
        { new_cuid(), activity.our_number, activity.their_number, activity.at, activity.direction,
            preview_text(activity.text), std::int64_t(activity.has_media ? 1 : 0) });
    if (!result)
        return std::unexpected(std::move(result.error()));
    if (result->rows.empty())
        return fail(ErrorCode::Internal, "the conversation was not stored");
    return result->rows[0].text(0);
}

Result<ConversationPage> list_conversations(SqlConnection& connection, ConversationQuery const& query)
{
    SqlParams params { query.user_id };
    std::string where = "1 = 1";
    if (query.cursor) {
        auto cursor = decode_cursor(*query.cursor);
        if (!cursor)
            return std::unexpected(std::move(cursor.error()));
        params.emplace_back(cursor->first);
        params.emplace_back(cursor->second);
        where += fmt::format(" AND (c.last_message_at < ${0} OR (c.last_message_at = ${0} AND c.id < ${1}))",
            params.size() - 1, params.size());
    }
    if (query.search) {
        params.emplace_back(like_contains_pattern(*query.search));
        auto text_index = params.size();
        std::string number_match;
        if (auto digits = phone_search_digits(*query.search); !digits.empty()) {
            params.emplace_back(like_contains_pattern(digits));
            number_match = fmt::format("c.their_number LIKE ${0} ESCAPE '\\' OR c.our_number LIKE ${0} ESCAPE '\\' OR ", params.size());
        }
        where += fmt::format(
            " AND ({0}EXISTS (SELECT 1 FROM mmsgate_inbound_message i WHERE i.conversation_id = c.id AND lower(i.text) "
            "LIKE ${1} ESCAPE '\\') OR EXISTS (SELECT 1 FROM mmsgate_message m JOIN mmsgate_send_request r ON "
            "r.id = m.request_id WHERE m.conversation_id = c.id AND lower(r.text) LIKE ${1} ESCAPE '\\'))",
            number_match, text_index);
    }
    auto rows = connection.execute(fmt::format("SELECT {} WHERE {} ORDER BY c.last_message_at DESC, c.id DESC LIMIT {}",
                                       summary_columns(), where, query.limit + 1),
        params);
    if (!rows)
        return std::unexpected(std::move(rows.error()));
    ConversationPage page;
    for (auto const& row : rows->rows) {
        if (int(page.conversations.size()) == query.limit) {
            auto const& last = page.conversations.back();
            page.next_cursor = encode_cursor(last.last_message_at, last.id);
            break;
        }
        RowReader next(row);
        page.conversations.push_back(summary_from_row(next));
    }
    auto total = unread_total(connection, query.user_id);
    if (!total)
        return std::unexpected(std::move(total.error()));
    page.unread_total = *total;
    return page;
}

Result<std::optional<ConversationSummary>> find_conversation(
    SqlConnection& connection, std::string const& id, std::string const& user_id)
{
    return select_first(connection, fmt::format("SELECT {} WHERE c.id = $2", summary_columns()), { user_id, id }, summary_from_row);
}

Result<std::vector<ConversationSummary>> conversations_of_messages(
    SqlConnection& connection, std::vector<std::string> const& message_ids)
{
    if (message_ids.empty())
        return std::vector<ConversationSummary> {};
    SqlParams params { std::string() };
    std::string placeholders;
    for (auto const& id : message_ids) {
        params.emplace_back(id);
        placeholders += fmt::format("{}${}", placeholders.empty() ? "" : ", ", params.size());
    }
    return select_rows(connection,
        fmt::format("SELECT {} WHERE c.id IN (SELECT conversation_id FROM mmsgate_message WHERE id IN ({}))", summary_columns(),
            placeholders),
        params, summary_from_row);
}

Result<std::int64_t> unread_total(SqlConnection& connection, std::string const& user_id)
{
    return select_integer(connection,
        "SELECT count(*) FROM mmsgate_inbound_message i LEFT JOIN mmsgate_conversation_read cr ON "
        "cr.conversation_id = i.conversation_id AND cr.user_id = $1 WHERE i.received_at > COALESCE(cr.read_at, 0)",
        { user_id });
}

Result<ThreadPage> conversation_thread(
    SqlConnection& connection, std::string const& conversation_id, std::optional<std::string> const& before, int limit)
{
    std::optional<Position> window_start;
    if (before) {
        auto cursor = decode_cursor(*before);
        if (!cursor)
            return std::unexpected(std::move(cursor.error()));
        window_start = *cursor;
    }
    auto outbound = side_messages(connection, kOutbound, conversation_id, window_start, limit + 1);
    if (!outbound)
        return std::unexpected(std::move(outbound.error()));
    auto inbound = side_messages(connection, kInbound, conversation_id, window_start, limit + 1);
    if (!inbound)
        return std::unexpected(std::move(inbound.error()));
    auto merged = std::move(*outbound);
    std::ranges::move(*inbound, std::back_inserter(merged));
    std::ranges::sort(merged, newer_first);
    ThreadPage page;
    if (int(merged.size()) > limit) {
        merged.resize(std::size_t(limit));
        page.next_cursor = encode_cursor(merged.back().created_at, merged.back().id);
    }
    std::ranges::reverse(merged);
    page.messages = std::move(merged);
    return page;
}

Result<void> mark_conversation_read(
    SqlConnection& connection, std::string const& conversation_id, std::string const& user_id, Millis now)
{
    // Never earlier than the newest message received: a clock step back must not unread it.
    auto result = connection.execute(
        "INSERT INTO mmsgate_conversation_read (conversation_id, user_id, read_at) VALUES ($1, $2, "
        "(SELECT CASE WHEN MAX(received_at) > CAST($3 AS BIGINT) THEN MAX(received_at) ELSE CAST($3 AS BIGINT) END FROM mmsgate_inbound_message WHERE conversation_id = $1)) "
        "ON CONFLICT (conversation_id, user_id) DO UPDATE SET read_at = excluded.read_at",
        { conversation_id, user_id, now });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
}

}
