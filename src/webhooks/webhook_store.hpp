#pragma once
// Every query on the webhook tables except enqueueing (webhook_events.hpp). The functions run inside
// a Database job, so inside its transaction.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct WebhookEndpoint {
    std::string id;
    std::string url;
    std::string description;
    std::vector<std::string> events;
    std::string secret; // never leaves the server except in the answer that created or rotated it
    std::optional<std::string> previous_secret;
    std::optional<Millis> previous_secret_expires_at;
    bool allow_private_address = false;
    bool enabled = true;
    std::optional<std::string> disabled_reason;
    int consecutive_failures = 0;
    std::optional<Millis> failing_since;
    std::optional<std::string> created_by;
    Millis created_at = 0;
    Millis updated_at = 0;

    // The secrets that sign a delivery at `now`: the current one, and the previous one until it expires.
    [[nodiscard]] std::vector<std::string> signing_secrets(Millis now) const;
};

[[nodiscard]] Result<std::vector<WebhookEndpoint>> list_webhook_endpoints(SqlConnection& connection);
[[nodiscard]] Result<std::optional<WebhookEndpoint>> find_webhook_endpoint(SqlConnection& connection, std::string const& id);
[[nodiscard]] Result<void> insert_webhook_endpoint(SqlConnection& connection, WebhookEndpoint const& endpoint);
// Saves url, description, events, allow_private_address, enabled, disabled_reason and the failure
// count. Enabling clears the failure state and makes the endpoint's pending deliveries due now.
[[nodiscard]] Result<void> update_webhook_endpoint(SqlConnection& connection, WebhookEndpoint const& endpoint, bool enabling, Millis now);
[[nodiscard]] Result<void> rotate_webhook_secret(SqlConnection& connection, std::string const& id, std::string const& new_secret,
    Millis previous_valid_until, Millis now);
// Deletes the endpoint with its deliveries and their attempts; false when there was none.
[[nodiscard]] Result<bool> delete_webhook_endpoint(SqlConnection& connection, std::string const& id);

// A delivery claimed for sending: the event's body and what signs and addresses it.
struct ClaimedDelivery {
    std::string id;
    std::string event_id;
    std::string body;
    int attempts = 0; // including this one
    Millis retry_from = 0;
    WebhookEndpoint endpoint;
};

// Claims up to `limit` due deliveries for `lease_owner`: pending, due, not leased (or the lease
// expired), of an enabled endpoint, and the earliest pending delivery of that endpoint (by event
// time, then id), so each endpoint receives its events in order, one at a time. On PostgreSQL rows
// another instance is claiming are skipped (SKIP LOCKED) and the lease decides afterwards.
[[nodiscard]] Result<std::vector<ClaimedDelivery>> claim_due_deliveries(
    SqlConnection& connection, std::string const& lease_owner, Millis now, Millis lease_until, int limit);

struct DeliveryAttempt {
    std::string delivery_id;
    std::string endpoint_id;
    std::string lease_owner;
    Millis attempted_at = 0;
    std::optional<int> status; // none: no HTTP answer
    int latency_ms = 0;
    std::string response_excerpt;
    std::optional<std::string> error;
};

// What became of a delivery after an attempt.
enum class DeliveryVerdict { Delivered, RetryLater, Failed };

// Records the attempt, moves the delivery (delivered, pending until `next_attempt_at`, or failed)
// and the endpoint's failure count. With `disable_reason` the endpoint is disabled. Only the lease
// holder may record: false when the lease was lost (nothing recorded).
[[nodiscard]] Result<bool> record_delivery_attempt(SqlConnection& connection, DeliveryAttempt const& attempt,
    DeliveryVerdict verdict, Millis next_attempt_at, std::optional<std::string> const& disable_reason);

// Start-up: leases this instance held before a restart are void.
// Forgets finished deliveries (delivered or failed) that were created before `before`, their
// attempts, and events no delivery refers to any more; returns how many deliveries went. Pending
// deliveries are never pruned, however old.
[[nodiscard]] Result<int> prune_webhook_history(SqlConnection& connection, Millis before);

[[nodiscard]] Result<int> release_webhook_leases(SqlConnection& connection, std::optional<std::string> const& owner);

struct DeliveryRecord {
    std::string id;
    std::string endpoint_id;
    std::string event_id;
    std::string event_type;
    std::string state;
    int attempts = 0;
    Millis next_attempt_at = 0;
    std::optional<int> last_status;
    std::optional<int> last_latency_ms;
    std::optional<std::string> last_response_excerpt;
    std::optional<std::string> last_error;
    std::optional<Millis> delivered_at;
    Millis occurred_at = 0;
    Millis created_at = 0;
};

struct AttemptRecord {
    Millis attempted_at = 0;
    std::optional<int> status;
    std::optional<int> latency_ms;
    std::optional<std::string> response_excerpt;
    std::optional<std::string> error;
};

// Newest event first; `before` (a delivery id from the previous page) continues.
[[nodiscard]] Result<std::vector<DeliveryRecord>> list_deliveries(
    SqlConnection& connection, std::string const& endpoint_id, std::optional<std::string> const& before, int limit);
[[nodiscard]] Result<std::optional<DeliveryRecord>> find_delivery(SqlConnection& connection, std::string const& id);
[[nodiscard]] Result<std::vector<AttemptRecord>> attempts_of_delivery(SqlConnection& connection, std::string const& id);

// Sends a delivery again (same event, so the same webhook-id): pending, due now, a fresh retry window.
[[nodiscard]] Result<bool> replay_delivery(SqlConnection& connection, std::string const& id, Millis now);
// Replays every delivery of the endpoint whose event occurred in [from, to], and delivers the events
// of its types in that range that it never had (created before it subscribed, or while disabled).
// Returns how many deliveries are now pending.
[[nodiscard]] Result<int> replay_range(SqlConnection& connection, WebhookEndpoint const& endpoint, Millis from, Millis to, Millis now);

}
