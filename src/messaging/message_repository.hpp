#pragma once
// Every query on mmsgate's message tables, written once for SQLite and PostgreSQL. The functions
// run inside a Database job (so inside its transaction) and never block on anything but the database.
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct IdempotencyRecord {
    std::string body_hash;
    std::optional<std::string> request_id;
    std::optional<int> response_status;
    std::optional<std::string> response_body;
    Millis created_at = 0;
};

struct NewIdempotencyKey {
    std::string key;
    std::string body_hash;
};

// The instance that dispatches a request it stores at once, and its lease.
struct InitialClaim {
    std::string lease_owner;
    Millis lease_until = 0;
};

// Inserts a request and its messages, with an idempotency key also the key (AlreadyExists when the
// key is taken). With a claim the request is stored claimed and "attempt in progress", so the
// caller can dispatch it at once; without one it waits for the first dispatcher to claim it.
[[nodiscard]] Result<void> insert_send_request(SqlConnection& connection, SendRequestRecord const& request,
    std::vector<MessageRecord> const& messages, std::optional<NewIdempotencyKey> const& idempotency,
    std::optional<InitialClaim> const& claim);

[[nodiscard]] Result<std::optional<IdempotencyRecord>> find_idempotency_key(
    SqlConnection& connection, std::string const& user_id, std::string const& key, Millis not_before);
[[nodiscard]] Result<void> store_idempotent_response(SqlConnection& connection, std::string const& user_id,
    std::string const& key, int status, std::string const& body);

// Claims up to `limit` due requests (pending, due, lease free or expired) for `lease_owner`.
// Marks each as "attempt in progress" so that a crash from here on leads to a lookup, not a resend.
[[nodiscard]] Result<std::vector<DispatchJob>> claim_due_requests(
    SqlConnection& connection, std::string const& lease_owner, Millis now, Millis lease_until, int limit);
// The messages of a request that still wait for Plivo (state accepted).
[[nodiscard]] Result<std::vector<MessageRecord>> pending_messages_of(SqlConnection& connection, std::string const& request_id);

struct AdoptedMessage {
    std::string message_id;
    std::string plivo_uuid;
    MessageState state = MessageState::Queued;
};

// Plivo took the request: messages get their uuids (and the reports that arrived before them,
// see early_reports.hpp); `invalid` ones fail; the request is done
// unless messages remain pending (then it is released for another attempt).
[[nodiscard]] Result<std::vector<MessageRecord>> record_accepted(SqlConnection& connection,
    std::string const& request_id, std::string const& api_id, std::vector<AdoptedMessage> const& adopted,
    std::vector<std::string> const& invalid_message_ids, std::string const& source, Millis now);
// Every pending message of the request ends in `state` (failed or unknown) with `reason`.
[[nodiscard]] Result<std::vector<MessageRecord>> record_final(SqlConnection& connection,
    std::string const& request_id, MessageState state, std::string const& reason, std::optional<int> error_code, Millis now);
// Releases the lease for another attempt at `next_attempt_at`.
[[nodiscard]] Result<void> record_retry(SqlConnection& connection, std::string const& request_id,
    Millis next_attempt_at, bool outcome_unknown, std::string const& reason, Millis now);
// Start-up: the leases a previous run held are void: all of them (the only process on an SQLite
// file), or those of `owner` (its name on PostgreSQL).
[[nodiscard]] Result<int> release_leases(SqlConnection& connection, std::optional<std::string> const& owner);

struct StatusUpdate {
    std::string plivo_uuid;
    MessageState state = MessageState::Queued;
    std::optional<int> sequence;
    std::optional<int> error_code;
    std::optional<int> units;
    std::optional<std::string> total_rate;
    std::optional<std::string> total_amount;
    std::string source; // callback or reconcile
    std::optional<std::string> detail;
};

struct StatusApplication {
    bool found = false; // the uuid belongs to a message
    bool duplicate = false; // the same event was recorded before
    bool changed = false; // the message's state moved forward
    MessageRecord message;
};

// The key that makes a report one event however often Plivo sends it.
[[nodiscard]] std::string report_dedupe_key(StatusUpdate const& update);
// Records the event (once, dated `now`) and moves the message forward when the event is newer.
[[nodiscard]] Result<StatusApplication> apply_status_update(SqlConnection& connection, StatusUpdate const& update, Millis now);

// A report on the callback URL of one of its request's attempts proves that Plivo has the message:
// it takes the reported uuid when it holds none (accepted or unknown become queued; an event says
// why). False when the message holds a uuid already.
[[nodiscard]] Result<bool> adopt_reported_uuid(
    SqlConnection& connection, std::string const& message_id, std::string const& plivo_uuid, Millis now);

// Messages to `recipient` from `sender` that may be at Plivo without their uuid being known: no
// uuid, accepted or unknown, and their request was attempted at or after `attempted_since`. Oldest
// first (first attempt, then id), the order both sides of a lookup are paired in.
[[nodiscard]] Result<std::vector<MessageRecord>> unanswered_messages(SqlConnection& connection,
    std::string const& recipient, std::string const& sender, Millis attempted_since);

// How many of `messages` belong to a request other than `except_request_id` whose attempt is in
// progress now (leased): its answer may still arrive and claim a uuid.
[[nodiscard]] Result<int> unanswered_in_attempt(SqlConnection& connection, std::vector<MessageRecord> const& messages,
    std::string const& except_request_id, Millis now);

// Signature nonces are accepted once: true when `nonce` (family-prefixed) was not seen within its
// keep time; it is then kept until `expires_at`. Expired ones are pruned on the way.
[[nodiscard]] Result<bool> consume_signature_nonce(SqlConnection& connection, std::string const& nonce,
    Millis expires_at, Millis now);
// True when `nonce` was consumed and is still kept (a cheap early refusal; consuming decides).
[[nodiscard]] Result<bool> signature_nonce_seen(SqlConnection& connection, std::string const& nonce, Millis now);

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
[[nodiscard]] Result<std::optional<MessageRecord>> find_message(SqlConnection& connection, std::string const& id);
[[nodiscard]] Result<std::vector<MessageRecord>> messages_of_request(SqlConnection& connection, std::string const& request_id);
[[nodiscard]] Result<std::vector<MessageEventRecord>> events_of_message(SqlConnection& connection, std::string const& id);
// Uuids already attached to a message, so a lookup never adopts one twice.
[[nodiscard]] Result<bool> is_known_plivo_uuid(SqlConnection& connection, std::string const& uuid);
// Messages in queued/sent not updated since `updated_before` and created after `created_after`,
// for reconciliation; touch_message marks one as looked at so it is not asked about at once again.
[[nodiscard]] Result<std::vector<MessageRecord>> stale_messages(
    SqlConnection& connection, Millis updated_before, Millis created_after, int limit);
[[nodiscard]] Result<void> touch_message(SqlConnection& connection, std::string const& id, Millis now);
// A deliberate resend of a message in state unknown: it becomes a fresh pending request.
[[nodiscard]] Result<MessageRecord> requeue_unknown_message(SqlConnection& connection, std::string const& message_id,
    Millis now, Millis deadline_at);
[[nodiscard]] Result<std::vector<std::pair<std::string, std::int64_t>>> count_messages_by_state(SqlConnection& connection);
[[nodiscard]] Result<std::int64_t> count_pending_requests(SqlConnection& connection);

}
