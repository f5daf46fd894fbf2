#include "messaging/message_store.hpp"

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "http/response.hpp"
#include "store/row_reader.hpp"
#include "webhooks/events/webhook_events.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr char kMessageColumns[]
    = "m.id, m.request_id, m.user_id, m.recipient, m.state, m.plivo_uuid, m.error_code, m.error, m.units, "
      "m.total_rate, m.total_amount, m.last_sequence, m.created_at, m.updated_at, r.sender, r.text, r.media_urls, "
      "m.scheduled_for "
      "FROM mmsgate_message m JOIN mmsgate_send_request r ON r.id = m.request_id";

MessageRecord message_from_row(RowReader& next)
{
    MessageRecord message;
    next(message.id, message.request_id, message.user_id, message.recipient);
    message.state = parse_message_state(next.next<std::string>()).value_or(MessageState::Unknown);
    next(message.plivo_uuid, message.error_code, message.error, message.units, message.total_rate, message.total_amount,
        message.last_sequence, message.created_at, message.updated_at, message.sender, message.text, message.media_urls,
        message.scheduled_for);
    return message;
}

}

std::string to_json_array(std::vector<std::string> const& values) { return json_text(nlohmann::json(values)); }

std::vector<std::string> from_json_array(std::string const& text) { return strings_from_json_array(text); }

Result<std::vector<MessageRecord>> select_messages(SqlConnection& connection, std::string const& where, SqlParams const& params)
{
    return select_rows(connection, fmt::format("SELECT {} WHERE {}", kMessageColumns, where), params, message_from_row);
}

Result<void> insert_event(SqlConnection& connection, MessageEventRecord const& event, std::optional<std::string> const& dedupe_key)
{
    auto result = connection.execute(
        "INSERT INTO mmsgate_message_event (id, message_id, state, sequence, error_code, units, total_rate, "
        "total_amount, source, detail, dedupe_key, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        { event.id, event.message_id, std::string(to_string(event.state)), sql_value(event.sequence),
            sql_value(event.error_code), sql_value(event.units), sql_value(event.total_rate),
            sql_value(event.total_amount), event.source, sql_value(event.detail), sql_value(dedupe_key),
            event.occurred_at });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
}

Result<void> record_state_event(SqlConnection& connection, std::string const& message_id, MessageState state,
    std::string const& source, std::optional<std::string> detail, std::optional<int> error_code, Millis now)
{
    MessageEventRecord event;
    event.id = new_cuid();
    event.message_id = message_id;
    event.state = state;
    event.error_code = error_code;
    event.source = source;
    event.detail = std::move(detail);
    event.occurred_at = now;
    if (auto inserted = insert_event(connection, event, std::nullopt); !inserted)
        return inserted;
    auto subscribed = has_webhook_subscribers(connection, kMessageStateChanged);
    if (!subscribed)
        return std::unexpected(std::move(subscribed.error()));
    if (!*subscribed)
        return {};
    auto message = find_message(connection, message_id);
    if (!message)
        return std::unexpected(std::move(message.error()));
    // The event names a state the message has (an adopted uuid leaves a later state as it was).
    if (!*message || (*message)->state != state)
        return {};
    return announce_state_change(connection, **message, now);
}

Result<void> announce_state_change(SqlConnection& connection, MessageRecord const& message, Millis now)
{
    MessageStateChanged change { message.id, message.request_id, message.sender, message.recipient,
        std::string(to_string(message.state)), message.error_code, message.error, now };
    auto queued = enqueue_event(connection, message_state_changed_event(change));
    if (!queued)
        return std::unexpected(std::move(queued.error()));
    return {};
}

Result<std::optional<MessageRecord>> find_message(SqlConnection& connection, std::string const& id)
{
    return first_record(select_messages(connection, "m.id = $1", { id }));
}

Result<std::vector<MessageRecord>> messages_of_request(SqlConnection& connection, std::string const& request_id)
{
    return select_messages(connection, "m.request_id = $1 ORDER BY m.id", { request_id });
}

Result<bool> is_known_plivo_uuid(SqlConnection& connection, std::string const& uuid)
{
    auto result = connection.execute("SELECT 1 FROM mmsgate_message WHERE plivo_uuid = $1", { uuid });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return !result->rows.empty();
}

}
