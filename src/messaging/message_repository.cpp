#include "messaging/message_repository.hpp"

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "http/response.hpp"
#include "messaging/early_reports.hpp"
#include "webhooks/webhook_events.hpp"

#include <cctype>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr char kMessageColumns[]
    = "m.id, m.request_id, m.user_id, m.recipient, m.state, m.plivo_uuid, m.error_code, m.error, m.units, "
      "m.total_rate, m.total_amount, m.last_sequence, m.created_at, m.updated_at, r.sender, r.text, r.media_urls "
      "FROM mmsgate_message m JOIN mmsgate_send_request r ON r.id = m.request_id";

std::string to_json_array(std::vector<std::string> const& values) { return json_text(nlohmann::json(values)); }

std::vector<std::string> from_json_array(std::string const& text)
{
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> values;
    if (!parsed.is_array())
        return values;
    for (auto const& item : parsed) {
        if (item.is_string())
            values.push_back(item.get<std::string>());
    }
    return values;
}


MessageRecord message_from_row(SqlRow const& row)
{
    MessageRecord message;
    message.id = row.text(0);
    message.request_id = row.text(1);
    message.user_id = row.text(2);
    message.recipient = row.text(3);
    message.state = parse_message_state(row.text(4)).value_or(MessageState::Unknown);
    message.plivo_uuid = row.optional_text(5);
    message.error_code = row.optional_int(6);
    message.error = row.optional_text(7);
    message.units = row.optional_int(8);
    message.total_rate = row.optional_text(9);
    message.total_amount = row.optional_text(10);
    message.last_sequence = row.optional_int(11);
    message.created_at = row.integer(12);
    message.updated_at = row.integer(13);
    message.sender = row.text(14);
    message.text = row.text(15);
    message.media_urls = from_json_array(row.text(16));
    return message;
}

Result<std::vector<MessageRecord>> select_messages(SqlConnection& connection, std::string const& where, SqlParams const& params)
{
    auto result = connection.execute(fmt::format("SELECT {} WHERE {}", kMessageColumns, where), params);
    if (!result)
        return std::unexpected(std::move(result.error()));
    std::vector<MessageRecord> messages;
    messages.reserve(result->rows.size());
    for (auto const& row : result->rows)
        messages.push_back(message_from_row(row));
    return messages;
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

// Outgoing webhooks learn of a state change in the transaction that makes it (outbox): the event
// commits with the change or not at all.
Result<void> announce_state_change(SqlConnection& connection, MessageRecord const& message, Millis now)
{
    MessageStateChanged change { message.id, message.request_id, message.sender, message.recipient,
        std::string(to_string(message.state)), message.error_code, message.error, now };
    auto queued = enqueue_event(connection, message_state_changed_event(change));
    if (!queued)
        return std::unexpected(std::move(queued.error()));
    return {};
}

Result<void> announce_state_change(SqlConnection& connection, std::string const& message_id, MessageState state, Millis now)
{
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
    return announce_state_change(connection, message_id, state, now);
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

Result<void> insert_send_request(SqlConnection& connection, SendRequestRecord const& request,
    std::vector<MessageRecord> const& messages, std::optional<NewIdempotencyKey> const& idempotency,
    std::optional<InitialClaim> const& claim)
{
    if (idempotency) {
        auto key = connection.execute(
            "INSERT INTO mmsgate_idempotency_key (user_id, idempotency_key, body_hash, request_id, created_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            { request.user_id, idempotency->key, idempotency->body_hash, request.id, request.created_at });
        if (!key)
            return std::unexpected(std::move(key.error()));
    }
    SqlParams params { request.id, request.user_id, request.sender, request.text, to_json_array(request.media_urls),
        to_json_array(request.media_ids), request.created_at, request.deadline_at };
    if (claim) {
        params.emplace_back(claim->lease_owner);
        params.emplace_back(claim->lease_until);
    }
    auto inserted = connection.execute(claim
            ? "INSERT INTO mmsgate_send_request (id, user_id, sender, text, media_urls, media_ids, dispatch_state, attempts, "
              "next_attempt_at, deadline_at, lease_owner, lease_until, outcome_unknown, first_attempt_at, last_attempt_at, "
              "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 1, $7, $8, $9, $10, 1, $7, $7, $7, $7)"
            : "INSERT INTO mmsgate_send_request (id, user_id, sender, text, media_urls, media_ids, dispatch_state, attempts, "
              "next_attempt_at, deadline_at, outcome_unknown, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8, 0, $7, $7)",
        params);
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    for (auto const& message : messages) {
        auto row = connection.execute(
            "INSERT INTO mmsgate_message (id, request_id, user_id, recipient, state, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, 'accepted', $5, $5)",
            { message.id, request.id, request.user_id, message.recipient, request.created_at });
        if (!row)
            return std::unexpected(std::move(row.error()));
        if (auto event = record_state_event(connection, message.id, MessageState::Accepted, "api", std::nullopt,
                std::nullopt, request.created_at);
            !event)
            return event;
    }
    return {};
}

Result<std::optional<IdempotencyRecord>> find_idempotency_key(
    SqlConnection& connection, std::string const& user_id, std::string const& key, Millis not_before)
{
    auto result = connection.execute(
        "SELECT body_hash, request_id, response_status, response_body, created_at FROM mmsgate_idempotency_key "
        "WHERE user_id = $1 AND idempotency_key = $2 AND created_at >= $3",
        { user_id, key, not_before });
    if (!result)
        return std::unexpected(std::move(result.error()));
    if (result->rows.empty())
        return std::optional<IdempotencyRecord> {};
    auto const& row = result->rows.front();
    return std::optional<IdempotencyRecord> { IdempotencyRecord { row.text(0), row.optional_text(1),
        row.optional_int(2), row.optional_text(3), row.integer(4) } };
}

Result<void> store_idempotent_response(
    SqlConnection& connection, std::string const& user_id, std::string const& key, int status, std::string const& body)
{
    auto result = connection.execute("UPDATE mmsgate_idempotency_key SET response_status = $3, response_body = $4 "
                                      "WHERE user_id = $1 AND idempotency_key = $2",
        { user_id, key, std::int64_t(status), body });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
}

Result<std::vector<DispatchJob>> claim_due_requests(
    SqlConnection& connection, std::string const& lease_owner, Millis now, Millis lease_until, int limit)
{
    // PostgreSQL instances skip rows another instance is claiming right now; SQLite has one writer.
    auto lock_clause = connection.dialect() == Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
    auto due = connection.execute(
        fmt::format("SELECT id, user_id, sender, text, media_urls, media_ids, attempts, next_attempt_at, deadline_at, "
                    "outcome_unknown, first_attempt_at, created_at, last_attempt_at FROM mmsgate_send_request "
                    "WHERE dispatch_state = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1) "
                    "ORDER BY next_attempt_at LIMIT $2{}",
            lock_clause),
        { now, std::int64_t(limit) });
    if (!due)
        return std::unexpected(std::move(due.error()));
    std::vector<DispatchJob> jobs;
    for (auto const& row : due->rows) {
        DispatchJob job;
        auto& request = job.request;
        request.id = row.text(0);
        request.user_id = row.text(1);
        request.sender = row.text(2);
        request.text = row.text(3);
        request.media_urls = from_json_array(row.text(4));
        request.media_ids = from_json_array(row.text(5));
        request.attempts = int(row.integer(6)) + 1;
        request.next_attempt_at = row.integer(7);
        request.deadline_at = row.integer(8);
        job.previous_outcome_unknown = row.integer(9) != 0;
        job.lease_until = lease_until;
        request.outcome_unknown = true;
        request.first_attempt_at = row.optional_integer(10).value_or(now);
        request.created_at = row.integer(11);
        job.previous_attempt_at = row.optional_integer(12).value_or(0);
        auto claimed = connection.execute(
            "UPDATE mmsgate_send_request SET lease_owner = $2, lease_until = $3, attempts = attempts + 1, "
            "outcome_unknown = 1, first_attempt_at = COALESCE(first_attempt_at, $4), last_attempt_at = $4, updated_at = $4 "
            "WHERE id = $1",
            { request.id, lease_owner, lease_until, now });
        if (!claimed)
            return std::unexpected(std::move(claimed.error()));
        auto pending = pending_messages_of(connection, request.id);
        if (!pending)
            return std::unexpected(std::move(pending.error()));
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
    auto request = connection.execute(
        "UPDATE mmsgate_send_request SET dispatch_state = 'done', lease_owner = NULL, lease_until = NULL, "
        "last_error = $2, updated_at = $3 WHERE id = $1",
        { request_id, reason, now });
    if (!request)
        return std::unexpected(std::move(request.error()));
    return messages_of_request(connection, request_id);
}

Result<void> record_retry(SqlConnection& connection, std::string const& request_id, Millis next_attempt_at,
    bool outcome_unknown, std::string const& reason, Millis now)
{
    auto result = connection.execute(
        "UPDATE mmsgate_send_request SET lease_owner = NULL, lease_until = NULL, next_attempt_at = $2, "
        "outcome_unknown = $3, last_error = $4, updated_at = $5 WHERE id = $1",
        { request_id, next_attempt_at, std::int64_t(outcome_unknown ? 1 : 0), reason, now });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
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

std::string report_dedupe_key(StatusUpdate const& update)
{
    // Plivo retries callbacks: the same uuid, status and sequence is one event.
    return fmt::format("{}:{}:{}", update.plivo_uuid, to_string(update.state),
        update.sequence ? std::to_string(*update.sequence) : std::string("-"));
}

Result<StatusApplication> apply_status_update(SqlConnection& connection, StatusUpdate const& update, Millis now)
{
    StatusApplication application;
    // Reports for one message arrive concurrently (Plivo's own, retries, reconcile lookups). On
    // PostgreSQL the read locks the row and returns its latest version, or the UPDATE below would
    // write back a state read before another report's commit and undo it. SQLite runs one write at a time.
    auto condition = std::string("m.plivo_uuid = $1") + (connection.dialect() == Dialect::Postgres ? " FOR UPDATE OF m" : "");
    auto found = select_messages(connection, condition, { update.plivo_uuid });
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (found->empty())
        return application;
    application.found = true;
    application.message = found->front();
    auto& message = application.message;

    auto dedupe_key = report_dedupe_key(update);
    MessageEventRecord event;
    event.id = new_cuid();
    event.message_id = message.id;
    event.state = update.state;
    event.sequence = update.sequence;
    event.error_code = update.error_code;
    event.units = update.units;
    event.total_rate = update.total_rate;
    event.total_amount = update.total_amount;
    event.source = update.source;
    event.detail = update.detail;
    event.occurred_at = now;
    auto existing = connection.execute("SELECT 1 FROM mmsgate_message_event WHERE dedupe_key = $1", { dedupe_key });
    if (!existing)
        return std::unexpected(std::move(existing.error()));
    if (!existing->rows.empty()) {
        application.duplicate = true;
        return application;
    }
    if (auto inserted = insert_event(connection, event, dedupe_key); !inserted)
        return std::unexpected(std::move(inserted.error()));

    // Forward only: a higher rank wins; within a rank a newer sequence cannot undo a terminal state.
    bool older_sequence = update.sequence && message.last_sequence && *update.sequence < *message.last_sequence;
    bool moves_forward = state_rank(update.state) > state_rank(message.state) && !older_sequence;
    if (message.state == MessageState::Unknown || message.state == MessageState::Accepted)
        moves_forward = true; // a callback proves Plivo has the message
    if (is_terminal(message.state))
        moves_forward = false;
    // Cost arrives with any callback; keep the latest known figures even when the state stays.
    std::optional<int> units = update.units ? update.units : message.units;
    auto rate = update.total_rate ? update.total_rate : message.total_rate;
    auto amount = update.total_amount ? update.total_amount : message.total_amount;
    if (moves_forward) {
        message.state = update.state;
        if (update.error_code)
            message.error_code = update.error_code;
        if (update.sequence)
            message.last_sequence = update.sequence;
        message.updated_at = now;
        application.changed = true;
    }
    message.units = units;
    message.total_rate = rate;
    message.total_amount = amount;
    auto saved = connection.execute(
        "UPDATE mmsgate_message SET state = $2, error_code = $3, last_sequence = $4, units = $5, total_rate = $6, "
        "total_amount = $7, updated_at = $8 WHERE id = $1",
        { message.id, std::string(to_string(message.state)), sql_value(message.error_code),
            sql_value(message.last_sequence), sql_value(message.units), sql_value(message.total_rate),
            sql_value(message.total_amount), message.updated_at });
    if (!saved)
        return std::unexpected(std::move(saved.error()));
    if (application.changed) {
        if (auto announced = announce_state_change(connection, message, now); !announced)
            return std::unexpected(std::move(announced.error()));
    }
    return application;
}

Result<bool> adopt_reported_uuid(
    SqlConnection& connection, std::string const& message_id, std::string const& plivo_uuid, Millis now)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_message SET plivo_uuid = $2, state = CASE WHEN state IN ('accepted', 'unknown') THEN 'queued' "
        "ELSE state END, error = NULL, updated_at = $3 WHERE id = $1 AND plivo_uuid IS NULL",
        { message_id, plivo_uuid, now });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    if (updated->affected_rows == 0)
        return false;
    if (auto event = record_state_event(connection, message_id, MessageState::Queued, "callback",
            "Plivo reported on this message's own attempt: its uuid is " + plivo_uuid, std::nullopt, now);
        !event)
        return std::unexpected(std::move(event.error()));
    return true;
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

Result<bool> consume_signature_nonce(SqlConnection& connection, std::string const& nonce, Millis expires_at, Millis now)
{
    if (auto pruned = connection.execute("DELETE FROM mmsgate_signature_nonce WHERE expires_at < $1", { now }); !pruned)
        return std::unexpected(std::move(pruned.error()));
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_signature_nonce (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING",
        { nonce, expires_at });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return inserted->affected_rows > 0;
}

Result<bool> signature_nonce_seen(SqlConnection& connection, std::string const& nonce, Millis now)
{
    auto found = connection.execute("SELECT 1 FROM mmsgate_signature_nonce WHERE nonce = $1 AND expires_at >= $2", { nonce, now });
    if (!found)
        return std::unexpected(std::move(found.error()));
    return !found->rows.empty();
}

namespace {

// `text` as a LIKE pattern matching it anywhere, with LIKE's own characters taken literally
// (the queries say ESCAPE '\', which SQLite and PostgreSQL both understand).
std::string contains_pattern(std::string_view text)
{
    std::string pattern = "%";
    for (char character : text) {
        if (character == '%' || character == '_' || character == '\\')
            pattern += '\\';
        pattern += char(std::tolower(static_cast<unsigned char>(character)));
    }
    return pattern + "%";
}

// Digits of a search that reads as (part of) a phone number: only digits and + ( ) - . and spaces,
// at least three digits. Empty otherwise.
std::string number_digits(std::string_view text)
{
    std::string digits;
    for (char character : text) {
        if (std::isdigit(static_cast<unsigned char>(character)))
            digits += character;
        else if (std::string_view(" +()-.").find(character) == std::string_view::npos)
            return {};
    }
    return digits.size() >= 3 ? digits : std::string {};
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
        params.push_back(contains_pattern(*query.search));
        auto text_match = fmt::format("LOWER(r.text) LIKE ${} ESCAPE '\\'", params.size());
        if (auto digits = number_digits(*query.search); !digits.empty()) {
            params.push_back(contains_pattern(digits));
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

Result<std::optional<MessageRecord>> find_message(SqlConnection& connection, std::string const& id)
{
    auto messages = select_messages(connection, "m.id = $1", { id });
    if (!messages)
        return std::unexpected(std::move(messages.error()));
    if (messages->empty())
        return std::optional<MessageRecord> {};
    return std::optional<MessageRecord> { std::move(messages->front()) };
}

Result<std::vector<MessageRecord>> messages_of_request(SqlConnection& connection, std::string const& request_id)
{
    return select_messages(connection, "m.request_id = $1 ORDER BY m.id", { request_id });
}

Result<std::vector<MessageEventRecord>> events_of_message(SqlConnection& connection, std::string const& id)
{
    auto result = connection.execute(
        "SELECT id, message_id, state, sequence, error_code, units, total_rate, total_amount, source, detail, occurred_at "
        "FROM mmsgate_message_event WHERE message_id = $1 ORDER BY occurred_at, id",
        { id });
    if (!result)
        return std::unexpected(std::move(result.error()));
    std::vector<MessageEventRecord> events;
    for (auto const& row : result->rows) {
        MessageEventRecord event;
        event.id = row.text(0);
        event.message_id = row.text(1);
        event.state = parse_message_state(row.text(2)).value_or(MessageState::Unknown);
        event.sequence = row.optional_int(3);
        event.error_code = row.optional_int(4);
        event.units = row.optional_int(5);
        event.total_rate = row.optional_text(6);
        event.total_amount = row.optional_text(7);
        event.source = row.text(8);
        event.detail = row.optional_text(9);
        event.occurred_at = row.integer(10);
        events.push_back(std::move(event));
    }
    return events;
}

Result<bool> is_known_plivo_uuid(SqlConnection& connection, std::string const& uuid)
{
    auto result = connection.execute("SELECT 1 FROM mmsgate_message WHERE plivo_uuid = $1", { uuid });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return !result->rows.empty();
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
    auto result = connection.execute("UPDATE mmsgate_message SET updated_at = $2 WHERE id = $1", { id, now });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
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

Result<std::vector<std::pair<std::string, std::int64_t>>> count_messages_by_state(SqlConnection& connection)
{
    auto result = connection.execute("SELECT state, COUNT(*) FROM mmsgate_message GROUP BY state");
    if (!result)
        return std::unexpected(std::move(result.error()));
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (auto const& row : result->rows)
        counts.emplace_back(row.text(0), row.integer(1));
    return counts;
}

Result<std::int64_t> count_pending_requests(SqlConnection& connection)
{
    auto result = connection.execute("SELECT COUNT(*) FROM mmsgate_send_request WHERE dispatch_state = 'pending'");
    if (!result)
        return std::unexpected(std::move(result.error()));
    return result->rows.empty() ? 0 : result->rows.front().integer(0);
}

}
