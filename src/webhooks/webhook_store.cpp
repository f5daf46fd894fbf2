#include "webhooks/webhook_store.hpp"

#include "core/ids.hpp"
#include "messaging/message_store.hpp"
#include "store/row_reader.hpp"
#include "webhooks/events/webhook_events.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr char kEndpointColumns[]
    = "id, url, description, events, secret, previous_secret, previous_secret_expires_at, allow_private_address, "
      "enabled, disabled_reason, consecutive_failures, failing_since, created_by, created_at, updated_at";

constexpr char kDeliveryColumns[]
    = "d.id, d.endpoint_id, d.event_id, e.type, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_latency_ms, "
      "d.last_response_excerpt, d.last_error, d.delivered_at, d.occurred_at, d.created_at "
      "FROM mmsgate_webhook_delivery d JOIN mmsgate_webhook_event e ON e.id = d.event_id";

WebhookEndpoint endpoint_from_row(RowReader& next)
{
    WebhookEndpoint endpoint;
    next(endpoint.id, endpoint.url, endpoint.description, endpoint.events, endpoint.secret, endpoint.previous_secret,
        endpoint.previous_secret_expires_at, endpoint.allow_private_address, endpoint.enabled, endpoint.disabled_reason,
        endpoint.consecutive_failures, endpoint.failing_since, endpoint.created_by, endpoint.created_at, endpoint.updated_at);
    return endpoint;
}

DeliveryRecord delivery_from_row(RowReader& next)
{
    DeliveryRecord delivery;
    next(delivery.id, delivery.endpoint_id, delivery.event_id, delivery.event_type, delivery.state, delivery.attempts,
        delivery.next_attempt_at, delivery.last_status, delivery.last_latency_ms, delivery.last_response_excerpt,
        delivery.last_error, delivery.delivered_at, delivery.occurred_at, delivery.created_at);
    return delivery;
}

AttemptRecord attempt_from_row(RowReader& next)
{
    AttemptRecord attempt;
    next(attempt.attempted_at, attempt.status, attempt.latency_ms, attempt.response_excerpt, attempt.error);
    return attempt;
}

std::int64_t flag(bool value) { return value ? 1 : 0; }

std::unexpected<Error> failed(Error error) { return std::unexpected(std::move(error)); }

}

std::vector<std::string> WebhookEndpoint::signing_secrets(Millis now) const
{
    std::vector<std::string> secrets { secret };
    if (previous_secret && previous_secret_expires_at && *previous_secret_expires_at > now)
        secrets.push_back(*previous_secret);
    return secrets;
}

Result<std::vector<WebhookEndpoint>> list_webhook_endpoints(SqlConnection& connection)
{
    return select_rows(connection, fmt::format("SELECT {} FROM mmsgate_webhook_endpoint ORDER BY created_at, id", kEndpointColumns),
        {}, endpoint_from_row);
}

Result<std::optional<WebhookEndpoint>> find_webhook_endpoint(SqlConnection& connection, std::string const& id)
{
    return select_first(
        connection, fmt::format("SELECT {} FROM mmsgate_webhook_endpoint WHERE id = $1", kEndpointColumns), { id }, endpoint_from_row);
}

Result<void> insert_webhook_endpoint(SqlConnection& connection, WebhookEndpoint const& endpoint)
{
    auto inserted = connection.execute(
        fmt::format("INSERT INTO mmsgate_webhook_endpoint ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            kEndpointColumns),
        { endpoint.id, endpoint.url, endpoint.description, to_json_array(endpoint.events), endpoint.secret,
            sql_value(endpoint.previous_secret), sql_value(endpoint.previous_secret_expires_at),
            flag(endpoint.allow_private_address), flag(endpoint.enabled), sql_value(endpoint.disabled_reason),
            std::int64_t(endpoint.consecutive_failures), sql_value(endpoint.failing_since), sql_value(endpoint.created_by),
            endpoint.created_at, endpoint.updated_at });
    if (!inserted)
        return failed(std::move(inserted.error()));
    return {};
}

Result<void> update_webhook_endpoint(SqlConnection& connection, WebhookEndpoint const& endpoint, bool enabling, Millis now)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_webhook_endpoint SET url = $2, description = $3, events = $4, allow_private_address = $5, "
        "enabled = $6, disabled_reason = $7, consecutive_failures = $8, failing_since = $9, updated_at = $10 WHERE id = $1",
        { endpoint.id, endpoint.url, endpoint.description, to_json_array(endpoint.events),
            flag(endpoint.allow_private_address), flag(endpoint.enabled),
            enabling ? SqlValue { nullptr } : sql_value(endpoint.disabled_reason),
            std::int64_t(enabling ? 0 : endpoint.consecutive_failures),
            enabling ? SqlValue { nullptr } : sql_value(endpoint.failing_since), now });
    if (!updated)
        return failed(std::move(updated.error()));
    if (enabling) {
        // What waited while the endpoint was disabled goes out now, in order, with a fresh retry window.
        auto due = connection.execute("UPDATE mmsgate_webhook_delivery SET next_attempt_at = $2, retry_from = $2 "
                                      "WHERE endpoint_id = $1 AND state = 'pending'",
            { endpoint.id, now });
        if (!due)
            return failed(std::move(due.error()));
    }
    return {};
}

Result<void> rotate_webhook_secret(
    SqlConnection& connection, std::string const& id, std::string const& new_secret, Millis previous_valid_until, Millis now)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_webhook_endpoint SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2, "
        "updated_at = $4 WHERE id = $1",
        { id, new_secret, previous_valid_until, now });
    if (!updated)
        return failed(std::move(updated.error()));
    if (updated->affected_rows == 0)
        return std::unexpected(Error { ErrorCode::NotFound, "No such webhook endpoint" });
    return {};
}

Result<bool> delete_webhook_endpoint(SqlConnection& connection, std::string const& id)
{
    auto attempts = connection.execute("DELETE FROM mmsgate_webhook_attempt WHERE delivery_id IN "
                                       "(SELECT id FROM mmsgate_webhook_delivery WHERE endpoint_id = $1)",
        { id });
    if (!attempts)
        return failed(std::move(attempts.error()));
    auto deliveries = connection.execute("DELETE FROM mmsgate_webhook_delivery WHERE endpoint_id = $1", { id });
    if (!deliveries)
        return failed(std::move(deliveries.error()));
    auto endpoint = connection.execute("DELETE FROM mmsgate_webhook_endpoint WHERE id = $1", { id });
    if (!endpoint)
        return failed(std::move(endpoint.error()));
    return endpoint->affected_rows > 0;
}

Result<std::vector<ClaimedDelivery>> claim_due_deliveries(
    SqlConnection& connection, std::string const& lease_owner, Millis now, Millis lease_until, int limit)
{
    auto lock_clause = connection.dialect() == Dialect::Postgres ? " FOR UPDATE OF d SKIP LOCKED" : "";
    auto due = connection.execute(
        fmt::format("SELECT d.id, d.event_id, d.attempts, d.retry_from, e.payload, d.endpoint_id "
                    "FROM mmsgate_webhook_delivery d "
                    "JOIN mmsgate_webhook_endpoint p ON p.id = d.endpoint_id "
                    "JOIN mmsgate_webhook_event e ON e.id = d.event_id "
                    "WHERE d.state = 'pending' AND p.enabled = 1 AND d.next_attempt_at <= $1 "
                    "AND (d.lease_until IS NULL OR d.lease_until < $1) "
                    "AND NOT EXISTS (SELECT 1 FROM mmsgate_webhook_delivery o WHERE o.endpoint_id = d.endpoint_id "
                    "AND o.state = 'pending' AND (o.occurred_at < d.occurred_at OR (o.occurred_at = d.occurred_at AND o.id < d.id))) "
                    "ORDER BY d.next_attempt_at, d.id LIMIT $2{}",
            lock_clause),
        { now, std::int64_t(limit) });
    if (!due)
        return failed(std::move(due.error()));
    std::map<std::string, WebhookEndpoint> endpoints;
    std::vector<ClaimedDelivery> claimed;
    for (auto const& row : due->rows) {
        RowReader next(row);
        ClaimedDelivery delivery;
        next(delivery.id, delivery.event_id, delivery.attempts, delivery.retry_from, delivery.body);
        ++delivery.attempts; // the one this claim starts
        auto endpoint_id = next.next<std::string>();
        if (!endpoints.contains(endpoint_id)) {
            auto endpoint = find_webhook_endpoint(connection, endpoint_id);
            if (!endpoint)
                return failed(std::move(endpoint.error()));
            if (!*endpoint)
                continue;
            endpoints.emplace(endpoint_id, std::move(**endpoint));
        }
        delivery.endpoint = endpoints.at(endpoint_id);
        auto leased = connection.execute("UPDATE mmsgate_webhook_delivery SET lease_owner = $2, lease_until = $3, "
                                         "attempts = attempts + 1 WHERE id = $1",
            { delivery.id, lease_owner, lease_until });
        if (!leased)
            return failed(std::move(leased.error()));
        claimed.push_back(std::move(delivery));
    }
    return claimed;
}

Result<bool> record_delivery_attempt(SqlConnection& connection, DeliveryAttempt const& attempt, DeliveryVerdict verdict,
    Millis next_attempt_at, std::optional<std::string> const& disable_reason)
{
    auto state = verdict == DeliveryVerdict::Delivered ? "delivered" : verdict == DeliveryVerdict::Failed ? "failed" : "pending";
    auto excerpt = attempt.response_excerpt.empty() ? SqlValue { nullptr } : SqlValue { attempt.response_excerpt };
    auto updated = connection.execute(
        "UPDATE mmsgate_webhook_delivery SET state = $3, next_attempt_at = $4, lease_owner = NULL, lease_until = NULL, "
        "last_status = $5, last_latency_ms = $6, last_response_excerpt = $7, last_error = $8, "
        "delivered_at = CASE WHEN $3 = 'delivered' THEN CAST($9 AS BIGINT) ELSE delivered_at END "
        "WHERE id = $1 AND lease_owner = $2 AND state = 'pending'",
        { attempt.delivery_id, attempt.lease_owner, std::string(state), next_attempt_at, sql_value(attempt.status),
            std::int64_t(attempt.latency_ms), excerpt, sql_value(attempt.error), attempt.attempted_at });
    if (!updated)
        return failed(std::move(updated.error()));
    if (updated->affected_rows == 0)
        return false;
    auto logged = connection.execute(
        "INSERT INTO mmsgate_webhook_attempt (id, delivery_id, attempted_at, status, latency_ms, response_excerpt, error) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        { new_cuid(), attempt.delivery_id, attempt.attempted_at, sql_value(attempt.status), std::int64_t(attempt.latency_ms),
            excerpt, sql_value(attempt.error) });
    if (!logged)
        return failed(std::move(logged.error()));
    auto endpoint = verdict == DeliveryVerdict::Delivered
        ? connection.execute("UPDATE mmsgate_webhook_endpoint SET consecutive_failures = 0, failing_since = NULL WHERE id = $1",
              { attempt.endpoint_id })
        : connection.execute(
              "UPDATE mmsgate_webhook_endpoint SET consecutive_failures = consecutive_failures + 1, "
              "failing_since = COALESCE(failing_since, $2), enabled = CASE WHEN $3 = 1 THEN 0 ELSE enabled END, "
              "disabled_reason = CASE WHEN $3 = 1 THEN CAST($4 AS TEXT) ELSE disabled_reason END, "
              "updated_at = CASE WHEN $3 = 1 THEN $2 ELSE updated_at END WHERE id = $1",
              { attempt.endpoint_id, attempt.attempted_at, flag(disable_reason.has_value()), sql_value(disable_reason) });
    if (!endpoint)
        return failed(std::move(endpoint.error()));
    return true;
}

Result<int> prune_webhook_history(SqlConnection& connection, Millis before)
{
    constexpr std::string_view kFinished = "state IN ('delivered', 'failed', 'abandoned') AND created_at < $1";
    auto attempts = connection.execute(fmt::format("DELETE FROM mmsgate_webhook_attempt WHERE delivery_id IN "
                                                   "(SELECT id FROM mmsgate_webhook_delivery WHERE {})",
                                           kFinished),
        { before });
    if (!attempts)
        return std::unexpected(std::move(attempts.error()));
    auto deliveries = connection.execute(fmt::format("DELETE FROM mmsgate_webhook_delivery WHERE {}", kFinished), { before });
    if (!deliveries)
        return std::unexpected(std::move(deliveries.error()));
    auto events = connection.execute("DELETE FROM mmsgate_webhook_event WHERE occurred_at < $1 AND NOT EXISTS "
                                     "(SELECT 1 FROM mmsgate_webhook_delivery d WHERE d.event_id = mmsgate_webhook_event.id)",
        { before });
    if (!events)
        return std::unexpected(std::move(events.error()));
    return int(deliveries->affected_rows);
}

Result<int> release_webhook_leases(SqlConnection& connection, std::optional<std::string> const& owner)
{
    auto released = owner
        ? connection.execute("UPDATE mmsgate_webhook_delivery SET lease_owner = NULL, lease_until = NULL "
                             "WHERE state = 'pending' AND lease_owner = $1",
              { *owner })
        : connection.execute("UPDATE mmsgate_webhook_delivery SET lease_owner = NULL, lease_until = NULL "
                             "WHERE state = 'pending' AND lease_owner IS NOT NULL");
    if (!released)
        return failed(std::move(released.error()));
    return int(released->affected_rows);
}

Result<std::vector<DeliveryRecord>> list_deliveries(
    SqlConnection& connection, std::string const& endpoint_id, std::optional<std::string> const& before, int limit)
{
    if (!before)
        return select_rows(connection,
            fmt::format("SELECT {} WHERE d.endpoint_id = $1 ORDER BY d.occurred_at DESC, d.id DESC LIMIT $2", kDeliveryColumns),
            { endpoint_id, std::int64_t(limit) }, delivery_from_row);
    return select_rows(connection,
        fmt::format("SELECT {} JOIN mmsgate_webhook_delivery c ON c.id = $2 WHERE d.endpoint_id = $1 "
                    "AND (d.occurred_at < c.occurred_at OR (d.occurred_at = c.occurred_at AND d.id < c.id)) "
                    "ORDER BY d.occurred_at DESC, d.id DESC LIMIT $3",
            kDeliveryColumns),
        { endpoint_id, *before, std::int64_t(limit) }, delivery_from_row);
}

Result<std::optional<DeliveryRecord>> find_delivery(SqlConnection& connection, std::string const& id)
{
    return select_first(connection, fmt::format("SELECT {} WHERE d.id = $1", kDeliveryColumns), { id }, delivery_from_row);
}

Result<std::vector<AttemptRecord>> attempts_of_delivery(SqlConnection& connection, std::string const& id)
{
    return select_rows(connection,
        "SELECT attempted_at, status, latency_ms, response_excerpt, error FROM mmsgate_webhook_attempt "
        "WHERE delivery_id = $1 ORDER BY attempted_at, id",
        { id }, attempt_from_row);
}

Result<bool> replay_delivery(SqlConnection& connection, std::string const& id, Millis now)
{
    auto updated = connection.execute("UPDATE mmsgate_webhook_delivery SET state = 'pending', attempts = 0, next_attempt_at = $2, "
                                      "retry_from = $2 WHERE id = $1",
        { id, now });
    if (!updated)
        return failed(std::move(updated.error()));
    return updated->affected_rows > 0;
}

Result<int> replay_range(SqlConnection& connection, WebhookEndpoint const& endpoint, Millis from, Millis to, Millis now)
{
    auto replayed = connection.execute("UPDATE mmsgate_webhook_delivery SET state = 'pending', attempts = 0, next_attempt_at = $4, "
                                       "retry_from = $4 WHERE endpoint_id = $1 AND occurred_at >= $2 AND occurred_at <= $3",
        { endpoint.id, from, to, now });
    if (!replayed)
        return failed(std::move(replayed.error()));
    auto missing = connection.execute("SELECT e.id, e.type, e.occurred_at FROM mmsgate_webhook_event e WHERE e.occurred_at >= $2 "
                                      "AND e.occurred_at <= $3 AND NOT EXISTS (SELECT 1 FROM mmsgate_webhook_delivery d "
                                      "WHERE d.event_id = e.id AND d.endpoint_id = $1)",
        { endpoint.id, from, to });
    if (!missing)
        return failed(std::move(missing.error()));
    int count = int(replayed->affected_rows);
    for (auto const& row : missing->rows) {
        if (std::ranges::find(endpoint.events, row.text(1)) == endpoint.events.end())
            continue;
        auto inserted = connection.execute(
            "INSERT INTO mmsgate_webhook_delivery (id, endpoint_id, event_id, state, attempts, next_attempt_at, "
            "occurred_at, retry_from, created_at) VALUES ($1, $2, $3, 'pending', 0, $4, $5, $4, $4)",
            { new_cuid(), endpoint.id, row.text(0), now, row.integer(2) });
        if (!inserted)
            return failed(std::move(inserted.error()));
        ++count;
    }
    return count;
}

}
