#include "messaging/reports/report_store.hpp"

#include "core/ids.hpp"
#include "messaging/message_store.hpp"
#include "messaging/reports/state_rule.hpp"
#include "suppressions/list/suppression_list.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

constexpr int kPlivoOptedOutErrorCode = 200; // "Recipient opted out (STOP) from this sender"

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
    MessageEventRecord event { StateReport(update), new_cuid(), message.id, now };
    auto existing = connection.execute("SELECT 1 FROM mmsgate_message_event WHERE dedupe_key = $1", { dedupe_key });
    if (!existing)
        return std::unexpected(std::move(existing.error()));
    if (!existing->rows.empty()) {
        application.duplicate = true;
        return application;
    }
    if (auto inserted = insert_event(connection, event, dedupe_key); !inserted)
        return std::unexpected(std::move(inserted.error()));

    bool moves_forward = report_moves_forward(message.state, message.last_sequence, { update.state, update.sequence });
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
    if (update.error_code == kPlivoOptedOutErrorCode) {
        if (auto suppressed = add_plivo_reported_opt_out(connection, message.recipient, message.sender, now); !suppressed)
            return std::unexpected(std::move(suppressed.error()));
    }
    return application;
}

Result<bool> adopt_reported_uuid(
    SqlConnection& connection, std::string const& message_id, std::string const& plivo_uuid, Millis now)
{
    auto updated = execute_counted(connection,
        "UPDATE mmsgate_message SET plivo_uuid = $2, state = CASE WHEN state IN ('accepted', 'unknown') THEN 'queued' "
        "ELSE state END, error = NULL, updated_at = $3 WHERE id = $1 AND plivo_uuid IS NULL",
        { message_id, plivo_uuid, now });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    if (*updated == 0)
        return false;
    if (auto event = record_state_event(connection, message_id, MessageState::Queued, "callback",
            "Plivo reported on this message's own attempt: its uuid is " + plivo_uuid, std::nullopt, now);
        !event)
        return std::unexpected(std::move(event.error()));
    return true;
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

}
