#include "inbound/inbound_repository.hpp"

#include "conversations/conversation_repository.hpp"
#include "core/ids.hpp"
#include "store/row_reader.hpp"
#include "messaging/reports/report_store.hpp"
#include "messaging/reports/status_callback_handler.hpp"
#include "webhooks/events/webhook_events.hpp"

namespace mmsgate {

namespace {

// As for delivery reports (status_callback_handler.cpp): Plivo's nonces carry no time, so they are
// remembered long enough to outlast its retries (60 + 120 + 240 s) many times over.
constexpr Millis kNonceKeepFor = 48LL * 3600 * 1000;

ThreadMessage thread_message_of(IncomingMessage const& message, std::string id, Millis now)
{
    ThreadMessage shown;
    shown.id = std::move(id);
    shown.direction = "in";
    shown.type = message.type;
    shown.text = message.text;
    shown.from = message.from;
    shown.to = message.to;
    for (std::size_t i = 0; i < message.media_urls.size(); ++i)
        shown.media.push_back({ "", "", "pending" });
    shown.error_code = message.error_code;
    shown.created_at = now;
    return shown;
}

}

Result<StoredIncoming> store_incoming_message(
    SqlConnection& connection, IncomingMessage const& message, PlivoSignature const& signature, Millis now)
{
    auto fresh = consume_plivo_signature(connection, signature, now + kNonceKeepFor, now);
    if (!fresh)
        return std::unexpected(std::move(fresh.error()));
    if (!*fresh)
        return fail(ErrorCode::PermissionDenied, "replayed signature nonce");
    auto existing = connection.execute(
        "SELECT id, conversation_id FROM mmsgate_inbound_message WHERE plivo_uuid = $1", { message.plivo_uuid });
    if (!existing)
        return std::unexpected(std::move(existing.error()));
    if (!existing->rows.empty())
        return StoredIncoming { true, existing->rows[0].text(1), {} };

    // Our number is the one it was sent to; theirs is the sender.
    auto conversation_id = record_conversation_activity(connection,
        { message.to, message.from, "in", message.text, !message.media_urls.empty(), now });
    if (!conversation_id)
        return std::unexpected(std::move(conversation_id.error()));
    auto id = new_cuid();
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_inbound_message (id, plivo_uuid, conversation_id, from_number, to_number, message_type, text, "
        "media_count, intent, units, total_rate, total_amount, error_code, powerpack_uuid, received_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (plivo_uuid) DO NOTHING",
        { id, message.plivo_uuid, *conversation_id, message.from, message.to, message.type, message.text,
            std::int64_t(message.media_urls.size()), message.intent, sql_value(message.units), sql_value(message.total_rate),
            sql_value(message.total_amount), sql_value(message.error_code), sql_value(message.powerpack_uuid), now });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    if (inserted->affected_rows == 0)
        return fail(ErrorCode::AlreadyExists, "another instance stored this message just now");
    for (std::size_t position = 0; position < message.media_urls.size(); ++position) {
        auto media = connection.execute(
            "INSERT INTO mmsgate_inbound_media (inbound_message_id, position, source_url, state, next_attempt_at) "
            "VALUES ($1, $2, $3, 'pending', $4)",
            { id, std::int64_t(position), message.media_urls[position], now });
        if (!media)
            return std::unexpected(std::move(media.error()));
    }
    // In the transaction that stores the message (an outbox): a receiver hears of every message
    // stored, and of none that a rollback undid.
    auto announced = enqueue_event(connection,
        message_received_event({ id, *conversation_id, message.from, message.to, message.type, message.text,
            int(message.media_urls.size()), now }));
    if (!announced)
        return std::unexpected(std::move(announced.error()));
    return StoredIncoming { false, *conversation_id, thread_message_of(message, id, now) };
}

Result<std::vector<MediaCopyJob>> claim_media_copies(
    SqlConnection& connection, std::string const& owner, Millis now, Millis lease_until, int limit)
{
    // The conditions stand in the outer WHERE as well: PostgreSQL re-checks them on a row another
    // instance claimed meanwhile, so a row is never claimed twice.
    auto claimed = execute_counted(connection,
        "UPDATE mmsgate_inbound_media SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 "
        "WHERE state = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3) "
        "AND (inbound_message_id, position) IN (SELECT inbound_message_id, position FROM mmsgate_inbound_media "
        "WHERE state = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3) "
        "ORDER BY next_attempt_at LIMIT $4)",
        { owner, lease_until, now, std::int64_t(limit) });
    if (!claimed)
        return std::unexpected(std::move(claimed.error()));
    if (*claimed == 0)
        return std::vector<MediaCopyJob> {};
    return select_rows(connection,
        "SELECT im.inbound_message_id, im.position, im.source_url, im.attempts, i.conversation_id FROM mmsgate_inbound_media im "
        "JOIN mmsgate_inbound_message i ON i.id = im.inbound_message_id "
        "WHERE im.state = 'pending' AND im.lease_owner = $1 AND im.lease_until = $2",
        { owner, lease_until }, [](RowReader& next) {
            MediaCopyJob job;
            next(job.inbound_message_id, job.position, job.source_url, job.attempts, job.conversation_id);
            return job;
        });
}

Result<bool> record_media_copy(
    SqlConnection& connection, MediaCopyJob const& job, std::string const& owner, MediaCopyOutcome const& outcome)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_inbound_media SET state = $1, media_id = $2, last_error = $3, next_attempt_at = $4, "
        "lease_owner = NULL, lease_until = NULL WHERE inbound_message_id = $5 AND position = $6 AND lease_owner = $7",
        { outcome.state, sql_value(outcome.media_id), sql_value(outcome.error), outcome.next_attempt_at,
            job.inbound_message_id, std::int64_t(job.position), owner });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return updated->affected_rows > 0;
}

Result<std::int64_t> stored_media_bytes_of(SqlConnection& connection, std::string const& inbound_message_id)
{
    return select_integer(connection,
        "SELECT COALESCE(SUM(m.size_bytes), 0) FROM mmsgate_inbound_media im "
        "JOIN mmsgate_media m ON m.id = im.media_id WHERE im.inbound_message_id = $1 AND im.state = 'stored'",
        { inbound_message_id });
}

Result<void> release_media_leases(SqlConnection& connection, std::optional<std::string> const& owner)
{
    auto released = owner
        ? connection.execute("UPDATE mmsgate_inbound_media SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", { *owner })
        : connection.execute("UPDATE mmsgate_inbound_media SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL");
    if (!released)
        return std::unexpected(std::move(released.error()));
    return {};
}

}
