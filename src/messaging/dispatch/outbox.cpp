#include "messaging/dispatch/outbox.hpp"

#include "messaging/message_store.hpp"
#include "messaging/reports/early_reports.hpp"
#include "store/row_reader.hpp"
#include "suppressions/list/suppression_list.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

// A request held for quiet hours is due: its messages go now, except to a recipient who opted out
// while it waited (checked again here, issue 16). A cancel takes the request's row first (as the
// claim does), so the two are decided one after the other: a cancelled message stays cancelled
// here, and a cancel after this finds the message accepted and is refused.
Result<void> release_scheduled_messages(
    SqlConnection& connection, std::string const& request_id, Millis now, SuppressionScope scope)
{
    struct Held {
        std::string id;
        std::string recipient;
        std::string sender;
    };
    auto held = select_rows(connection,
        "SELECT m.id, m.recipient, r.sender FROM mmsgate_message m JOIN mmsgate_send_request r ON r.id = m.request_id "
        "WHERE m.request_id = $1 AND m.state = 'scheduled' ORDER BY m.id",
        { request_id }, [](RowReader& next) {
            Held message;
            next(message.id, message.recipient, message.sender);
            return message;
        });
    if (!held)
        return std::unexpected(std::move(held.error()));
    for (auto const& [id, recipient, sender] : *held) {
        auto active = find_active_suppression(connection, recipient, sender, scope);
        if (!active)
            return std::unexpected(std::move(active.error()));
        auto state = *active ? MessageState::Suppressed : MessageState::Accepted;
        auto reason = *active ? "Not sent: the recipient opted out while it waited (" + suppression_reason(**active) + ")"
                              : std::string("Quiet hours ended: sending now");
        auto released = connection.execute(
            "UPDATE mmsgate_message SET state = $2, error = $3, updated_at = $4 WHERE id = $1 AND state = 'scheduled'",
            { id, std::string(to_string(state)), *active ? SqlValue(reason) : SqlValue(nullptr), now });
        if (!released)
            return std::unexpected(std::move(released.error()));
        if (auto event = record_state_event(connection, id, state, "dispatcher", reason, std::nullopt, now); !event)
            return event;
    }
    return {};
}

}

Result<std::vector<DispatchJob>> claim_due_requests(SqlConnection& connection, std::string const& lease_owner, Millis now,
    Millis lease_until, int limit, SuppressionScope scope)
{
    // PostgreSQL instances skip rows another instance is claiming right now; SQLite has one writer.
    auto lock_clause = connection.dialect() == Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
    auto due = select_rows(connection,
        fmt::format("SELECT id, user_id, sender, text, media_urls, media_ids, attempts, next_attempt_at, deadline_at, "
                    "outcome_unknown, first_attempt_at, created_at, last_attempt_at, message_type FROM mmsgate_send_request "
                    "WHERE dispatch_state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1) "
                    "ORDER BY next_attempt_at LIMIT $2{}",
            lock_clause),
        { now, std::int64_t(limit) }, [&](RowReader& next) {
            DispatchJob job;
            auto& request = job.request;
            next(request.id, request.user_id, request.sender, request.text, request.media_urls, request.media_ids,
                request.attempts, request.next_attempt_at, request.deadline_at, job.previous_outcome_unknown);
            ++request.attempts; // the one this claim starts
            job.lease_until = lease_until;
            request.outcome_unknown = true;
            request.first_attempt_at = next.next<std::optional<Millis>>().value_or(now);
            next(request.created_at);
            job.previous_attempt_at = next.next<std::optional<Millis>>().value_or(0);
            next(request.message_type);
            return job;
        });
    if (!due)
        return std::unexpected(std::move(due.error()));
    std::vector<DispatchJob> jobs;
    for (auto& job : *due) {
        auto const& request = job.request;
        auto claimed = connection.execute(
            "UPDATE mmsgate_send_request SET lease_owner = $2, lease_until = $3, attempts = attempts + 1, "
            "outcome_unknown = 1, first_attempt_at = COALESCE(first_attempt_at, $4), last_attempt_at = $4, updated_at = $4 "
            "WHERE id = $1",
            { request.id, lease_owner, lease_until, now });
        if (!claimed)
            return std::unexpected(std::move(claimed.error()));
        if (request.attempts == 1) {
            if (auto released = release_scheduled_messages(connection, request.id, now, scope); !released)
                return std::unexpected(std::move(released.error()));
        }
        auto pending = pending_messages_of(connection, request.id);
        if (!pending)
            return std::unexpected(std::move(pending.error()));
        if (pending->empty() && request.attempts == 1) {
            // Every held recipient opted out (or was cancelled): nothing is left to send.
            auto done = connection.execute("UPDATE mmsgate_send_request SET dispatch_state = 'done', lease_owner = NULL, "
                                           "lease_until = NULL, outcome_unknown = 0, updated_at = $2 WHERE id = $1",
                { request.id, now });
            if (!done)
                return std::unexpected(std::move(done.error()));
            continue;
        }
        job.pending_messages = std::move(*pending);
        jobs.push_back(std::move(job));
    }
    return jobs;
}

Result<std::vector<MessageRecord>> pending_messages_of(SqlConnection& connection, std::string const& request_id)
{
    return select_messages(connection, "m.request_id = $1 AND m.state = 'accepted' ORDER BY m.id", { request_id });
}

Result<std::vector<MessageRecord>> record_accepted(SqlConnection& connection, std::string const& request_id,
    std::string const& api_id, std::vector<AdoptedMessage> const& adopted,
    std::vector<std::string> const& invalid_message_ids, std::string const& source, Millis now)
{
    for (auto const& message : adopted) {
        // Plivo may have reported on the uuid already: take its lock before the uuid becomes visible.
        if (auto locked = lock_plivo_uuid(connection, message.plivo_uuid); !locked)
            return std::unexpected(std::move(locked.error()));
        auto updated = connection.execute(
            "UPDATE mmsgate_message SET state = $2, plivo_uuid = $3, updated_at = $4 WHERE id = $1 AND state = 'accepted'",
            { message.message_id, std::string(to_string(message.state)), message.plivo_uuid, now });
        if (!updated)
            return std::unexpected(std::move(updated.error()));
        // None updated: Plivo's report on this attempt gave the message its uuid already.
        if (updated->affected_rows == 0)
            continue;
        if (auto event = record_state_event(connection, message.message_id, message.state, source,
                "Plivo message uuid " + message.plivo_uuid, std::nullopt, now);
            !event)
            return std::unexpected(std::move(event.error()));
        if (auto early = apply_early_reports(connection, message.plivo_uuid); !early)
            return std::unexpected(std::move(early.error()));
    }
    for (auto const& id : invalid_message_ids) {
        auto updated = connection.execute("UPDATE mmsgate_message SET state = 'failed', error = $2, updated_at = $3 "
                                          "WHERE id = $1 AND state = 'accepted'",
            { id, std::string("Plivo rejected the destination number as invalid"), now });
        if (!updated)
            return std::unexpected(std::move(updated.error()));
        if (auto event = record_state_event(connection, id, MessageState::Failed, source,
                "Plivo listed the number in invalid_number", std::nullopt, now);
            !event)
            return std::unexpected(std::move(event.error()));
    }
    auto remaining = pending_messages_of(connection, request_id);
    if (!remaining)
        return std::unexpected(std::move(remaining.error()));
    auto request = connection.execute(
        "UPDATE mmsgate_send_request SET dispatch_state = $2, plivo_api_id = COALESCE($3, plivo_api_id), "
        "lease_owner = NULL, lease_until = NULL, outcome_unknown = 0, next_attempt_at = $4, updated_at = $4 WHERE id = $1",
        { request_id, std::string(remaining->empty() ? "done" : "pending"), api_id.empty() ? SqlValue { nullptr } : SqlValue { api_id },
            now });
    if (!request)
        return std::unexpected(std::move(request.error()));
    return messages_of_request(connection, request_id);
}

Result<std::vector<MessageRecord>> record_final(SqlConnection& connection, std::string const& request_id,
    MessageState state, std::string const& reason, std::optional<int> error_code, Millis now)
{
    auto pending = pending_messages_of(connection, request_id);
    if (!pending)
        return std::unexpected(std::move(pending.error()));
    for (auto const& message : *pending) {
        auto updated = connection.execute(
            "UPDATE mmsgate_message SET state = $2, error = $3, error_code = $4, updated_at = $5 WHERE id = $1",
            { message.id, std::string(to_string(state)), reason, sql_value(error_code), now });
        if (!updated)
            return std::unexpected(std::move(updated.error()));
        if (auto event = record_state_event(connection, message.id, state, "dispatcher", reason, error_code, now); !event)
            return std::unexpected(std::move(event.error()));
    }
    if (auto request = execute_statement(connection,
            "UPDATE mmsgate_send_request SET dispatch_state = 'done', lease_owner = NULL, lease_until = NULL, "
            "last_error = $2, updated_at = $3 WHERE id = $1",
            { request_id, reason, now });
        !request)
        return std::unexpected(std::move(request.error()));
    return messages_of_request(connection, request_id);
}

Result<void> record_retry(SqlConnection& connection, std::string const& request_id, Millis next_attempt_at,
    bool outcome_unknown, std::string const& reason, Millis now, std::optional<Millis> last_call_at)
{
    return execute_statement(connection,
        "UPDATE mmsgate_send_request SET lease_owner = NULL, lease_until = NULL, next_attempt_at = $2, "
        "outcome_unknown = $3, last_error = $4, updated_at = $5, last_attempt_at = COALESCE($6, last_attempt_at) "
        "WHERE id = $1",
        { request_id, next_attempt_at, std::int64_t(outcome_unknown ? 1 : 0), reason, now, sql_value(last_call_at) });
}

Result<int> release_leases(SqlConnection& connection, std::optional<std::string> const& owner)
{
    auto result = owner ? connection.execute("UPDATE mmsgate_send_request SET lease_owner = NULL, lease_until = NULL "
                                             "WHERE dispatch_state = 'pending' AND lease_owner = $1",
                              { *owner })
                        : connection.execute("UPDATE mmsgate_send_request SET lease_owner = NULL, lease_until = NULL "
                                             "WHERE dispatch_state = 'pending' AND lease_owner IS NOT NULL");
    if (!result)
        return std::unexpected(std::move(result.error()));
    return int(result->affected_rows);
}

Result<std::vector<MessageRecord>> unanswered_messages(
    SqlConnection& connection, std::string const& recipient, std::string const& sender, Millis attempted_since)
{
    return select_messages(connection,
        "m.recipient = $1 AND r.sender = $2 AND m.plivo_uuid IS NULL AND m.state IN ('accepted', 'unknown') "
        "AND r.last_attempt_at IS NOT NULL AND r.last_attempt_at >= $3 ORDER BY r.first_attempt_at, m.id",
        { recipient, sender, attempted_since });
}

Result<int> unanswered_in_attempt(SqlConnection& connection, std::vector<MessageRecord> const& messages,
    std::string const& except_request_id, Millis now)
{
    int leased = 0;
    for (auto const& message : messages) {
        if (message.request_id == except_request_id)
            continue;
        auto found = connection.execute(
            "SELECT 1 FROM mmsgate_send_request WHERE id = $1 AND lease_until IS NOT NULL AND lease_until >= $2",
            { message.request_id, now });
        if (!found)
            return std::unexpected(std::move(found.error()));
        leased += found->rows.empty() ? 0 : 1;
    }
    return leased;
}

Result<std::vector<MessageRecord>> stale_messages(SqlConnection& connection, Millis updated_before, Millis created_after, int limit)
{
    return select_messages(connection,
        "m.state IN ('queued', 'sent') AND m.updated_at < $1 AND m.created_at > $2 AND m.plivo_uuid IS NOT NULL "
        "ORDER BY m.updated_at LIMIT $3",
        { updated_before, created_after, std::int64_t(limit) });
}

Result<void> touch_message(SqlConnection& connection, std::string const& id, Millis now)
{
    return execute_statement(connection, "UPDATE mmsgate_message SET updated_at = $2 WHERE id = $1", { id, now });
}

Result<MessageRecord> requeue_unknown_message(
    SqlConnection& connection, std::string const& message_id, Millis now, Millis deadline_at)
{
    auto found = find_message(connection, message_id);
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (!*found)
        return fail(ErrorCode::NotFound, "No such message");
    if ((*found)->state != MessageState::Unknown)
        return fail(ErrorCode::AlreadyExists, "Only a message in state unknown can be sent again");
    auto updated = connection.execute(
        "UPDATE mmsgate_message SET state = 'accepted', error = NULL, updated_at = $2 WHERE id = $1", { message_id, now });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    // The person chose to send again: the request is due now and no longer waits on a lookup.
    auto request = connection.execute(
        "UPDATE mmsgate_send_request SET dispatch_state = 'pending', outcome_unknown = 0, next_attempt_at = $2, "
        "deadline_at = $3, lease_owner = NULL, lease_until = NULL, updated_at = $2 WHERE id = $1",
        { (*found)->request_id, now, deadline_at });
    if (!request)
        return std::unexpected(std::move(request.error()));
    if (auto event = record_state_event(connection, message_id, MessageState::Accepted, "api",
            std::string("sent again on request"), std::nullopt, now);
        !event)
        return std::unexpected(std::move(event.error()));
    auto message = std::move(**found);
    message.state = MessageState::Accepted;
    return message;
}

Result<std::int64_t> count_pending_requests(SqlConnection& connection)
{
    auto result = connection.execute("SELECT COUNT(*) FROM mmsgate_send_request WHERE dispatch_state = 'pending'");
    if (!result)
        return std::unexpected(std::move(result.error()));
    return result->rows.empty() ? 0 : result->rows.front().integer(0);
}

}
