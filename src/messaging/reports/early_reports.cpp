#include "messaging/reports/early_reports.hpp"

#include "messaging/message_store.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

// The first key of the two-key advisory lock space ("mmsg"); the second is the uuid's hash. The
// migration lock uses the one-key space, which PostgreSQL keeps apart.
constexpr char kLockUuidSql[] = "SELECT pg_advisory_xact_lock(1835889511, hashtext($1))";


// Whether a send that Plivo may have answered, without the answer being stored, could own the uuid.
Result<bool> awaits_an_answer(SqlConnection& connection, std::optional<std::string> const& recipient)
{
    std::string sql = "SELECT 1 FROM mmsgate_message m JOIN mmsgate_send_request r ON r.id = m.request_id "
                      "WHERE m.state = 'accepted' AND r.dispatch_state = 'pending' AND r.outcome_unknown = 1";
    SqlParams params;
    if (recipient) {
        sql += " AND m.recipient = $1";
        params.push_back(*recipient);
    }
    auto found = connection.execute(sql + " LIMIT 1", params);
    if (!found)
        return std::unexpected(std::move(found.error()));
    return !found->rows.empty();
}

// Keeps the report; AlreadyExists when the same report is kept already, ResourceExhausted when full.
Result<bool> keep_report(SqlConnection& connection, StatusUpdate const& update, Millis now, EarlyReportLimits const& limits)
{
    if (auto pruned = connection.execute("DELETE FROM mmsgate_early_report WHERE received_at < $1", { now - limits.keep_for });
        !pruned)
        return std::unexpected(std::move(pruned.error()));
    auto key = report_dedupe_key(update);
    auto kept = connection.execute(
        "SELECT (SELECT COUNT(*) FROM mmsgate_early_report), (SELECT COUNT(*) FROM mmsgate_early_report WHERE dedupe_key = $1)",
        { key });
    if (!kept)
        return std::unexpected(std::move(kept.error()));
    if (kept->rows.front().integer(1) > 0)
        return false;
    if (kept->rows.front().integer(0) >= limits.max_kept)
        return fail(ErrorCode::ResourceExhausted, "too many delivery reports wait for their message");
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_early_report (dedupe_key, plivo_uuid, state, sequence, error_code, units, total_rate, "
        "total_amount, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING",
        { key, update.plivo_uuid, std::string(to_string(update.state)), sql_value(update.sequence),
            sql_value(update.error_code), sql_value(update.units), sql_value(update.total_rate),
            sql_value(update.total_amount), now });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return inserted->affected_rows > 0;
}

}

Result<void> lock_plivo_uuid(SqlConnection& connection, std::string const& uuid)
{
    if (connection.dialect() != Dialect::Postgres)
        return {};
    auto locked = connection.execute(kLockUuidSql, { uuid });
    if (!locked)
        return std::unexpected(std::move(locked.error()));
    return {};
}

Result<RecordedReport> record_status_report(SqlConnection& connection, StatusUpdate const& update,
    std::optional<std::string> const& recipient, Millis now, EarlyReportLimits const& limits)
{
    RecordedReport report;
    if (auto locked = lock_plivo_uuid(connection, update.plivo_uuid); !locked)
        return std::unexpected(std::move(locked.error()));
    auto applied = apply_status_update(connection, update, now);
    if (!applied)
        return std::unexpected(std::move(applied.error()));
    report.application = std::move(*applied);
    if (report.application.found) {
        report.outcome = RecordedReport::Outcome::Applied;
        return report;
    }
    auto awaited = awaits_an_answer(connection, recipient);
    if (!awaited)
        return std::unexpected(std::move(awaited.error()));
    if (!*awaited)
        return report;
    auto kept = keep_report(connection, update, now, limits);
    if (!kept && kept.error().code == ErrorCode::ResourceExhausted) {
        report.outcome = RecordedReport::Outcome::EarlyStoreFull;
        return report;
    }
    if (!kept)
        return std::unexpected(std::move(kept.error()));
    report.outcome = RecordedReport::Outcome::KeptEarly;
    report.application.duplicate = !*kept;
    report.application.message.state = update.state;
    return report;
}

Result<RecordedReport> record_attempt_report(SqlConnection& connection, std::string const& request_id,
    StatusUpdate const& update, std::optional<std::string> const& recipient, Millis created_after, Millis now)
{
    RecordedReport report;
    report.outcome = RecordedReport::Outcome::NotTied;
    if (auto locked = lock_plivo_uuid(connection, update.plivo_uuid); !locked)
        return std::unexpected(std::move(locked.error()));
    auto messages = messages_of_request(connection, request_id);
    if (!messages)
        return std::unexpected(std::move(messages.error()));
    std::optional<MessageRecord> named;
    for (auto const& message : *messages) {
        if (recipient ? message.recipient == *recipient : messages->size() == 1)
            named = message;
    }
    if (!named || named->created_at < created_after)
        return report;
    if (!named->plivo_uuid) {
        auto held = is_known_plivo_uuid(connection, update.plivo_uuid);
        if (!held)
            return std::unexpected(std::move(held.error()));
        if (*held)
            return report;
        auto adopted = adopt_reported_uuid(connection, named->id, update.plivo_uuid, now);
        if (!adopted)
            return std::unexpected(std::move(adopted.error()));
        if (auto early = apply_early_reports(connection, update.plivo_uuid); !early)
            return std::unexpected(std::move(early.error()));
    } else if (*named->plivo_uuid != update.plivo_uuid) {
        return report;
    }
    auto applied = apply_status_update(connection, update, now);
    if (!applied)
        return std::unexpected(std::move(applied.error()));
    report.application = std::move(*applied);
    // Adopting the uuid changed the message even when the report itself was known already.
    report.application.changed = report.application.changed || !named->plivo_uuid;
    report.outcome = RecordedReport::Outcome::Applied;
    return report;
}

Result<void> apply_early_reports(SqlConnection& connection, std::string const& uuid)
{
    auto kept = connection.execute(
        "SELECT state, sequence, error_code, units, total_rate, total_amount, received_at, dedupe_key "
        "FROM mmsgate_early_report WHERE plivo_uuid = $1 ORDER BY received_at, dedupe_key",
        { uuid });
    if (!kept)
        return std::unexpected(std::move(kept.error()));
    for (auto const& row : kept->rows) {
        RowReader next(row);
        StatusUpdate update;
        update.plivo_uuid = uuid;
        update.state = parse_message_state(next.next<std::string>()).value_or(MessageState::Queued);
        read_report_figures(next, update);
        update.source = "callback";
        update.detail = "reported before Plivo's answer to the send was stored";
        auto received_at = next.next<Millis>();
        auto dedupe_key = next.next<std::string>();
        auto applied = apply_status_update(connection, update, received_at);
        if (!applied)
            return std::unexpected(std::move(applied.error()));
        if (!applied->found)
            return {}; // no message holds the uuid (yet): the reports stay
        if (auto deleted = connection.execute("DELETE FROM mmsgate_early_report WHERE dedupe_key = $1", { dedupe_key });
            !deleted)
            return std::unexpected(std::move(deleted.error()));
    }
    return {};
}

}
