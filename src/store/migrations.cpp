#include "store/migrations.hpp"

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "store/row_reader.hpp"
#include "store/schema_ddl.hpp"

#include <array>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

// pg_advisory_xact_lock key shared by every mmsgate instance: "mmsgate" in ASCII.
constexpr std::int64_t kMigrationLockKey = 0x6d6d7367617465;

Result<bool> table_exists(SqlConnection& connection, std::string_view name)
{
    // PostgreSQL: resolved through search_path, exactly as the unqualified queries will resolve it.
    auto found = connection.dialect() == Dialect::Postgres
        ? connection.execute("SELECT to_regclass($1) IS NOT NULL", { fmt::format("\"{}\"", name) })
        : connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1", { std::string(name) });
    if (!found)
        return std::unexpected(std::move(found.error()));
    return !found->rows.empty() && found->rows[0].integer(0) != 0;
}

// The migrations that a DDL script alone cannot do.
namespace steps {

Result<void> create_prisma_tables(SqlConnection& connection)
{
    for (auto const& table : schema::kPrismaTables) {
        auto exists = table_exists(connection, table.name);
        if (!exists)
            return std::unexpected(std::move(exists.error()));
        // A table Prisma made stays exactly as it is: no index or constraint is added to it.
        if (*exists)
            continue;
        auto ddl = connection.dialect() == Dialect::Postgres ? table.postgres : table.sqlite;
        if (auto created = connection.execute_script(ddl); !created)
            return std::unexpected(std::move(created.error()));
    }
    return {};
}

// The tables of two-way messaging, and a conversation for every (sender, recipient) pair messages
// were already sent to, so that every outbound message belongs to one.
Result<void> create_two_way_tables(SqlConnection& connection)
{
    if (auto created = connection.execute_script(schema::two_way_tables(connection.dialect() == Dialect::Postgres)); !created)
        return created;
    auto pairs = connection.execute("SELECT r.sender, m.recipient, MIN(m.created_at) FROM mmsgate_message m "
                                    "JOIN mmsgate_send_request r ON r.id = m.request_id GROUP BY r.sender, m.recipient");
    if (!pairs)
        return std::unexpected(std::move(pairs.error()));
    for (auto const& pair : pairs->rows) {
        RowReader next(pair);
        auto sender = next.next<std::string>();
        auto recipient = next.next<std::string>();
        auto first_sent_at = next.next<Millis>();
        auto last = connection.execute(
            "SELECT substr(r.text, 1, 160), m.created_at, r.media_urls, r.media_ids FROM mmsgate_message m "
            "JOIN mmsgate_send_request r ON r.id = m.request_id WHERE r.sender = $1 AND m.recipient = $2 "
            "ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            { sender, recipient });
        if (!last)
            return std::unexpected(std::move(last.error()));
        RowReader newest(last->rows.at(0));
        auto text = newest.next<std::string>();
        auto sent_at = newest.next<Millis>();
        auto media_urls = newest.next<std::string>();
        bool has_media = media_urls != "[]" || newest.next<std::string>() != "[]";
        auto id = new_cuid();
        auto inserted = connection.execute(
            "INSERT INTO mmsgate_conversation (id, our_number, their_number, last_message_at, last_direction, last_text, "
            "last_has_media, created_at, updated_at) VALUES ($1, $2, $3, $4, 'out', $5, $6, $7, $4)",
            { id, sender, recipient, sent_at, text, std::int64_t(has_media ? 1 : 0), first_sent_at });
        if (!inserted)
            return std::unexpected(std::move(inserted.error()));
        auto linked = connection.execute("UPDATE mmsgate_message SET conversation_id = $1 WHERE recipient = $2 AND "
                                         "request_id IN (SELECT id FROM mmsgate_send_request WHERE sender = $3)",
            { id, recipient, sender });
        if (!linked)
            return std::unexpected(std::move(linked.error()));
    }
    return {};
}

}

constexpr std::array kMigrations {
    Migration { 1, "prisma_tables", steps::create_prisma_tables },
    Migration { 2, "mmsgate_tables", schema::kMmsgateTables },
    Migration { 3, "early_reports", schema::kEarlyReportsTable },
    Migration { 4, "instances", schema::kInstancesTable },
    Migration { 5, "message_request_state_index", schema::kMessageRequestStateIndex },
    Migration { 6, "signature_nonces", schema::kSignatureNoncesTable },
    Migration { 7, "two_way", steps::create_two_way_tables },
    Migration { 9, "webhooks", schema::kWebhookTables },
    Migration { 10, "audit_log", schema::kAuditLogTable },
    Migration { 11, "suppressions", schema::kSuppressionTable },
    Migration { 12, "quiet_hours", schema::kQuietHoursColumns },
    Migration { 13, "team", schema::kTeamTables },
    Migration { 14, "api_keys", schema::kApiKeysTable },
    Migration { 15, "uploads", schema::kUploadsTables },
};

std::unexpected<Error> migration_failed(Migration const& migration, Error error)
{
    error.detail = fmt::format("migration {} ({}): {}", migration.version, migration.name, error.detail);
    return std::unexpected(std::move(error));
}

Result<bool> apply_in_transaction(SqlConnection& connection, Migration const& migration)
{
    // The advisory lock makes a second instance wait here until the first one committed, and then
    // find the migration recorded. SQLite's BEGIN IMMEDIATE takes the write lock the same way.
    if (connection.dialect() == Dialect::Postgres) {
        if (auto locked = connection.execute("SELECT pg_advisory_xact_lock($1)", { kMigrationLockKey }); !locked)
            return std::unexpected(std::move(locked.error()));
    }
    if (auto created = connection.execute(schema::kMigrationsTable); !created)
        return std::unexpected(std::move(created.error()));
    auto recorded = connection.execute(
        "SELECT count(*) FROM mmsgate_schema_migrations WHERE version = $1", { std::int64_t(migration.version) });
    if (!recorded)
        return std::unexpected(std::move(recorded.error()));
    if (recorded->rows[0].integer(0) > 0)
        return false;
    auto const* script = std::get_if<Migration::Script>(&migration.step);
    if (auto applied = script ? connection.execute_script(*script) : std::get<Migration::Function>(migration.step)(connection);
        !applied)
        return std::unexpected(std::move(applied.error()));
    auto inserted = connection.execute("INSERT INTO mmsgate_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        { std::int64_t(migration.version), std::string(migration.name), now_millis() });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return true;
}

Result<bool> apply_one(SqlConnection& connection, Migration const& migration)
{
    auto begun = connection.execute(connection.dialect() == Dialect::Postgres ? "BEGIN" : "BEGIN IMMEDIATE");
    if (!begun)
        return migration_failed(migration, std::move(begun.error()));
    auto roll_back = [&] {
        if (!connection.in_transaction())
            return;
        if (auto rolled_back = connection.execute("ROLLBACK"); !rolled_back)
            spdlog::warn("database: ROLLBACK of migration {} failed: {}", migration.version, rolled_back.error().detail);
    };
    auto applied = apply_in_transaction(connection, migration);
    if (!applied) {
        roll_back();
        return migration_failed(migration, std::move(applied.error()));
    }
    if (auto committed = connection.execute("COMMIT"); !committed) {
        roll_back();
        return migration_failed(migration, std::move(committed.error()));
    }
    return *applied;
}

}

std::span<Migration const> migrations()
{
    return kMigrations;
}

Result<int> apply_migrations(SqlConnection& connection)
{
    int applied_count = 0;
    for (auto const& migration : kMigrations) {
        auto applied = apply_one(connection, migration);
        if (!applied)
            return std::unexpected(std::move(applied.error()));
        if (*applied) {
            spdlog::debug("database: applied migration {} ({})", migration.version, migration.name);
            ++applied_count;
        }
    }
    if (applied_count > 0)
        spdlog::info("database: applied {} migration(s)", applied_count);
    return applied_count;
}

}
