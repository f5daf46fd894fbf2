#pragma once
// The outbox's queries: claiming due requests with a lease, recording what Plivo answered, and the
// lookups that find a send whose answer was lost. Run inside a Database job (its transaction).
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"
#include "suppressions/list/suppression_list.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

// Claims up to `limit` due requests (pending, due, lease free or expired) for `lease_owner`.
// Marks each as "attempt in progress" so that a crash from here on leads to a lookup, not a resend.
// A request held for quiet hours releases its messages at its first claim, each checked against
// the suppression list again (`scope`: MMSGATE_OPTOUT_SCOPE).
[[nodiscard]] Result<std::vector<DispatchJob>> claim_due_requests(SqlConnection& connection, std::string const& lease_owner,
    Millis now, Millis lease_until, int limit, SuppressionScope scope = {});
// The messages of a request that still wait for Plivo (state accepted).
[[nodiscard]] Result<std::vector<MessageRecord>> pending_messages_of(SqlConnection& connection, std::string const& request_id);

struct AdoptedMessage {
    std::string message_id;
    std::string plivo_uuid;
    MessageState state = MessageState::Queued;
};

// Plivo took the request: messages get their uuids (and the reports that arrived before them,
// see reports/early_reports.hpp); `invalid` ones fail; the request is done
// unless messages remain pending (then it is released for another attempt).
[[nodiscard]] Result<std::vector<MessageRecord>> record_accepted(SqlConnection& connection,
    std::string const& request_id, std::string const& api_id, std::vector<AdoptedMessage> const& adopted,
    std::vector<std::string> const& invalid_message_ids, std::string const& source, Millis now);
// Every pending message of the request ends in `state` (failed or unknown) with `reason`.
[[nodiscard]] Result<std::vector<MessageRecord>> record_final(SqlConnection& connection,
    std::string const& request_id, MessageState state, std::string const& reason, std::optional<int> error_code, Millis now);
// Releases the lease for another attempt at `next_attempt_at`. A claim that did not call Plivo
// passes `last_call_at`, the previous attempt's time, to stand again as the last attempt: the claim
// stamped its own, and a lookup must measure its wait from the attempt that may have reached Plivo.
[[nodiscard]] Result<void> record_retry(SqlConnection& connection, std::string const& request_id,
    Millis next_attempt_at, bool outcome_unknown, std::string const& reason, Millis now,
    std::optional<Millis> last_call_at = std::nullopt);
// Start-up: the leases a previous run held are void: all of them (the only process on an SQLite
// file), or those of `owner` (its name on PostgreSQL).
[[nodiscard]] Result<int> release_leases(SqlConnection& connection, std::optional<std::string> const& owner);

// Messages to `recipient` from `sender` that may be at Plivo without their uuid being known: no
// uuid, accepted or unknown, and their request was attempted at or after `attempted_since`. Oldest
// first (first attempt, then id), the order both sides of a lookup are paired in.
[[nodiscard]] Result<std::vector<MessageRecord>> unanswered_messages(SqlConnection& connection,
    std::string const& recipient, std::string const& sender, Millis attempted_since);

// How many of `messages` belong to a request other than `except_request_id` whose attempt is in
// progress now (leased): its answer may still arrive and claim a uuid.
[[nodiscard]] Result<int> unanswered_in_attempt(SqlConnection& connection, std::vector<MessageRecord> const& messages,
    std::string const& except_request_id, Millis now);

// Messages in queued/sent not updated since `updated_before` and created after `created_after`,
// for reconciliation; touch_message marks one as looked at so it is not asked about at once again.
[[nodiscard]] Result<std::vector<MessageRecord>> stale_messages(
    SqlConnection& connection, Millis updated_before, Millis created_after, int limit);
[[nodiscard]] Result<void> touch_message(SqlConnection& connection, std::string const& id, Millis now);
// A deliberate resend of a message in state unknown: it becomes a fresh pending request.
[[nodiscard]] Result<MessageRecord> requeue_unknown_message(SqlConnection& connection, std::string const& message_id,
    Millis now, Millis deadline_at);
[[nodiscard]] Result<std::int64_t> count_pending_requests(SqlConnection& connection);

}
