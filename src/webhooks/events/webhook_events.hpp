#pragma once
// The events outgoing webhooks announce, and the outbox call that records one. Call enqueue_event
// inside the Database job (so the transaction) that makes the change the event describes: the
// event then commits with it or not at all (nothing acknowledged is lost between commit and send).
//
// Body sent (Standard Webhooks): {"type":"message.state_changed","timestamp":"<ISO 8601>","data":{…}}.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

struct WebhookEvent {
    std::string type; // one of kWebhookEventTypes
    nlohmann::json data; // the "data" object
    Millis occurred_at = 0;
};

inline constexpr std::string_view kMessageStateChanged = "message.state_changed";
inline constexpr std::string_view kMessageReceived = "message.received";
inline constexpr std::string_view kContactOptedOut = "contact.opted_out";
inline constexpr std::string_view kContactOptedIn = "contact.opted_in";
inline constexpr std::array<std::string_view, 4> kWebhookEventTypes { kMessageStateChanged, kMessageReceived,
    kContactOptedOut, kContactOptedIn };

[[nodiscard]] bool is_webhook_event_type(std::string_view type);

// An outbound message moved to another state (accepted, queued, sent, delivered, undelivered, failed, unknown).
struct MessageStateChanged {
    std::string message_id;
    std::string request_id;
    std::string from;
    std::string to;
    std::string state;
    std::optional<int> error_code;
    std::optional<std::string> error;
    Millis occurred_at = 0;
};

// An inbound message arrived (two-way messaging, issue 15).
struct MessageReceived {
    std::string message_id;
    std::string conversation_id;
    std::string from;
    std::string to;
    std::string message_type; // sms | mms
    std::string text;
    int media_count = 0;
    Millis received_at = 0;
};

// A number opted out of (STOP) or back into (START) messages from one of our numbers (issue 16).
struct ContactOptChange {
    std::string number; // theirs, E.164
    std::string our_number; // E.164; empty when the change applies to every number of ours
    std::string source; // keyword | admin | import
    std::optional<std::string> keyword; // the word that did it, when source is keyword
    Millis occurred_at = 0;
};

[[nodiscard]] WebhookEvent message_state_changed_event(MessageStateChanged const& change);
[[nodiscard]] WebhookEvent message_received_event(MessageReceived const& message);
[[nodiscard]] WebhookEvent contact_opted_out_event(ContactOptChange const& change);
[[nodiscard]] WebhookEvent contact_opted_in_event(ContactOptChange const& change);

// The body as sent and signed.
[[nodiscard]] std::string webhook_body(WebhookEvent const& event);

// True when an enabled endpoint subscribes to `type`: callers skip building a payload otherwise.
[[nodiscard]] Result<bool> has_webhook_subscribers(SqlConnection& connection, std::string_view type);

// Records the event and one pending delivery per enabled endpoint subscribed to its type, in the
// caller's transaction. Returns the event id (the webhook-id), or nullopt when no endpoint
// subscribes (nothing is stored).
[[nodiscard]] Result<std::optional<std::string>> enqueue_event(SqlConnection& connection, WebhookEvent const& event);

}
