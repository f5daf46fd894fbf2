#include "webhooks/events/webhook_events.hpp"

#include "core/ids.hpp"
#include "store/row_reader.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

nlohmann::json optional_json(auto const& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json opt_change_data(ContactOptChange const& change)
{
    return { { "number", change.number }, { "ourNumber", change.our_number.empty() ? nlohmann::json(nullptr) : nlohmann::json(change.our_number) },
        { "source", change.source }, { "keyword", optional_json(change.keyword) } };
}

}

bool is_webhook_event_type(std::string_view type)
{
    return std::ranges::find(kWebhookEventTypes, type) != kWebhookEventTypes.end();
}

WebhookEvent message_state_changed_event(MessageStateChanged const& change)
{
    return { std::string(kMessageStateChanged),
        { { "messageId", change.message_id }, { "requestId", change.request_id }, { "from", change.from },
            { "to", change.to }, { "state", change.state }, { "errorCode", optional_json(change.error_code) },
            { "error", optional_json(change.error) } },
        change.occurred_at };
}

WebhookEvent message_received_event(MessageReceived const& message)
{
    return { std::string(kMessageReceived),
        { { "messageId", message.message_id }, { "conversationId", message.conversation_id }, { "from", message.from },
            { "to", message.to }, { "type", message.message_type }, { "text", message.text },
            { "mediaCount", message.media_count } },
        message.received_at };
}

WebhookEvent contact_opted_out_event(ContactOptChange const& change)
{
    return { std::string(kContactOptedOut), opt_change_data(change), change.occurred_at };
}

WebhookEvent contact_opted_in_event(ContactOptChange const& change)
{
    return { std::string(kContactOptedIn), opt_change_data(change), change.occurred_at };
}

std::string webhook_body(WebhookEvent const& event)
{
    nlohmann::json body = { { "type", event.type }, { "timestamp", format_iso8601(event.occurred_at) }, { "data", event.data } };
    // As http/response.hpp's json_text (a layer above this one): invalid UTF-8 becomes U+FFFD.
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// Enabled endpoints whose JSON list of events names `type`. The list is short and JSON functions
// differ between the backends, so the match is made here rather than in SQL.
Result<std::vector<std::string>> subscribed_endpoints(SqlConnection& connection, std::string_view type)
{
    auto rows = connection.execute("SELECT id, events FROM mmsgate_webhook_endpoint WHERE enabled = 1 ORDER BY id");
    if (!rows)
        return std::unexpected(std::move(rows.error()));
    std::vector<std::string> endpoints;
    for (auto const& row : rows->rows) {
        RowReader next(row);
        auto id = next.next<std::string>();
        auto events = next.next<std::vector<std::string>>();
        if (std::ranges::find(events, type) != events.end())
            endpoints.push_back(std::move(id));
    }
    return endpoints;
}

}

Result<bool> has_webhook_subscribers(SqlConnection& connection, std::string_view type)
{
    auto endpoints = subscribed_endpoints(connection, type);
    if (!endpoints)
        return std::unexpected(std::move(endpoints.error()));
    return !endpoints->empty();
}

Result<std::optional<std::string>> enqueue_event(SqlConnection& connection, WebhookEvent const& event)
{
    auto endpoints = subscribed_endpoints(connection, event.type);
    if (!endpoints)
        return std::unexpected(std::move(endpoints.error()));
    if (endpoints->empty())
        return std::optional<std::string>();
    auto id = "msg_" + new_cuid();
    auto now = now_millis();
    auto stored = connection.execute("INSERT INTO mmsgate_webhook_event (id, type, payload, occurred_at) VALUES ($1, $2, $3, $4)",
        { id, event.type, webhook_body(event), event.occurred_at });
    if (!stored)
        return std::unexpected(std::move(stored.error()));
    for (auto const& endpoint : *endpoints) {
        auto delivery = connection.execute(
            "INSERT INTO mmsgate_webhook_delivery (id, endpoint_id, event_id, state, attempts, next_attempt_at, "
            "occurred_at, retry_from, created_at) VALUES ($1, $2, $3, 'pending', 0, $4, $5, $4, $4)",
            { new_cuid(), endpoint, id, now, event.occurred_at });
        if (!delivery)
            return std::unexpected(std::move(delivery.error()));
    }
    return std::optional<std::string>(id);
}

}
