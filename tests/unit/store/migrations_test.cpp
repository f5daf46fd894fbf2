#include "store/migrations.hpp"

#include "store/user_queries.hpp"
#include "support/store_fixture.hpp"
#include "support/vectors.hpp"

#include <thread>

namespace mmsgate::testing {
namespace {

class MigrationsTest : public StoreTest {
protected:
    // What the seed's database looks like: PostgreSQL gets the DDL Prisma generated (from the
    // vectors file); SQLite gets Prisma's SQLite rendering of the same datamodel.
    void create_seed_schema(SqlConnection& connection)
    {
        if (is_postgres()) {
            ASSERT_THAT(connection.execute_script(nextauth_vectors()["prisma_ddl_postgresql"].get<std::string>()), IsOk());
            ASSERT_THAT(connection.execute_script(R"sql(
CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0))sql"),
                IsOk());
        } else {
            ASSERT_THAT(connection.execute_script(kPrismaSqliteDdl), IsOk());
        }
        ASSERT_THAT(connection.execute(R"sql(INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
VALUES ('8a5f1a34-7a4b-4a0c-9f0e-1c2d3e4f5a6b', 'c0ffee', '20240101000000_init', CURRENT_TIMESTAMP, 1))sql"),
            IsOk());
    }

    // Everything that describes the Prisma tables: columns with types and nullability, indexes,
    // and constraints.
    std::vector<std::string> prisma_schema_description(SqlConnection& connection)
    {
        auto described = is_postgres() ? connection.execute(R"sql(
SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(datetime_precision::text, '') || ' '
       || is_nullable || ' ' || coalesce(column_default, '')
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name IN ('User', 'Account', 'Session', 'VerificationToken', '_prisma_migrations')
UNION ALL
SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
WHERE schemaname = current_schema() AND tablename IN ('User', 'Account', 'Session', 'VerificationToken', '_prisma_migrations')
UNION ALL
SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid IN (SELECT oid FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                   AND relname IN ('User', 'Account', 'Session', 'VerificationToken', '_prisma_migrations'))
ORDER BY 1)sql")
                                       : connection.execute(R"sql(
SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master
WHERE tbl_name IN ('User', 'Account', 'Session', 'VerificationToken', '_prisma_migrations') ORDER BY 1)sql");
        EXPECT_THAT(described, IsOk());
        std::vector<std::string> lines;
        if (described) {
            for (auto const& row : described->rows)
                lines.push_back(row.text(0));
        }
        return lines;
    }

    std::vector<std::string> rows_of(SqlConnection& connection, std::string const& sql)
    {
        auto selected = connection.execute(sql);
        EXPECT_THAT(selected, IsOk());
        std::vector<std::string> lines;
        if (selected) {
            for (auto const& row : selected->rows) {
                std::string line;
                for (std::size_t column = 0; column < row.size(); ++column)
                    line += (row.is_null(column) ? "NULL" : row.text(column)) + "|";
                lines.push_back(line);
            }
        }
        return lines;
    }

    static constexpr std::string_view kPrismaSqliteDdl = R"sql(
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" DATETIME,
    "password" TEXT,
    "image" TEXT
);
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");
CREATE TABLE "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
    "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
);
)sql";
};

constexpr std::array kMmsgateTables { "mmsgate_user_settings", "mmsgate_send_request", "mmsgate_message",
    "mmsgate_message_event", "mmsgate_idempotency_key", "mmsgate_early_report", "mmsgate_instance",
    "mmsgate_signature_nonce", "mmsgate_conversation", "mmsgate_conversation_read", "mmsgate_inbound_message",
    "mmsgate_media", "mmsgate_inbound_media", "mmsgate_webhook_endpoint", "mmsgate_webhook_event",
    "mmsgate_webhook_delivery", "mmsgate_webhook_attempt", "mmsgate_audit_log", "mmsgate_user_token", "mmsgate_upload",
    "mmsgate_send_upload", "mmsgate_suppression", "mmsgate_api_key" };
constexpr std::array kPrismaTables { "User", "Account", "Session", "VerificationToken" };

TEST_P(MigrationsTest, WaitingMessagesOfARequestAreFoundThroughTheRequestIndex)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    ASSERT_THAT(apply_migrations(*connection), IsOk());
    if (connection->dialect() != Dialect::Sqlite)
        GTEST_SKIP() << "PostgreSQL plans from statistics";
    // The dispatcher's query: SQLite must not pick the state index, which holds every waiting message.
    auto plan = rows_of(*connection, "EXPLAIN QUERY PLAN SELECT m.id FROM mmsgate_message m JOIN mmsgate_send_request r "
                                     "ON r.id = m.request_id WHERE m.request_id = 'x' AND m.state = 'accepted' ORDER BY m.id");
    std::string text;
    for (auto const& line : plan)
        text += line + "\n";
    EXPECT_NE(text.find("mmsgate_message_request_state_idx"), std::string::npos) << text;
}

TEST_P(MigrationsTest, CreatesEverythingOnAnEmptyDatabaseOnce)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    auto applied = apply_migrations(*connection);
    ASSERT_THAT(applied, IsOk());
    EXPECT_EQ(*applied, static_cast<int>(migrations().size()));
    EXPECT_FALSE(connection->in_transaction());

    for (std::string table : kPrismaTables)
        EXPECT_THAT(connection->execute("SELECT count(*) FROM \"" + table + "\""), IsOk()) << table;
    for (std::string table : kMmsgateTables)
        EXPECT_THAT(connection->execute("SELECT count(*) FROM " + table), IsOk()) << table;
    EXPECT_EQ(rows_of(*connection, "SELECT version, name FROM mmsgate_schema_migrations ORDER BY version"),
        (std::vector<std::string> { "1|prisma_tables|", "2|mmsgate_tables|", "3|early_reports|", "4|instances|", "5|message_request_state_index|", "6|signature_nonces|",
            "7|two_way|", "9|webhooks|", "10|audit_log|", "11|suppressions|", "12|quiet_hours|", "13|team|", "14|api_keys|", "15|uploads|" }));
    auto applied_at = connection->execute("SELECT min(applied_at) FROM mmsgate_schema_migrations");
    ASSERT_THAT(applied_at, IsOk());
    EXPECT_GT(applied_at->rows[0].integer(0), 1'700'000'000'000);

    auto again = apply_migrations(*connection);
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(rows_of(*connection, "SELECT count(*) FROM mmsgate_schema_migrations"),
        (std::vector<std::string> { std::to_string(migrations().size()) + "|" }));
}

TEST_P(MigrationsTest, MigrateCommandAppliesThroughABareConnection)
{
    auto connection = Database::connect(settings());
    ASSERT_THAT(connection, IsOk());
    EXPECT_EQ(apply_migrations(**connection).value_or(-1), static_cast<int>(migrations().size()));
    EXPECT_EQ(apply_migrations(**connection).value_or(-1), 0);
    // The server then opens it without applying anything.
    auto database = open_database();
    ASSERT_TRUE(database);
    EXPECT_EQ(apply_migrations(**connection).value_or(-1), 0);
}

TEST_P(MigrationsTest, CreatedPrismaTablesEnforceTheSeedsConstraints)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    ASSERT_THAT(apply_migrations(*connection), IsOk());
    ASSERT_THAT(connection->execute(R"sql(INSERT INTO "User" ("id", "email") VALUES ('u1', 'a@example.com'))sql"), IsOk());
    EXPECT_THAT(connection->execute(R"sql(INSERT INTO "User" ("id", "email") VALUES ('u2', 'a@example.com'))sql"),
        HasError(ErrorCode::AlreadyExists));
    // Account's foreign key to User, which the seed's DDL declares.
    EXPECT_THAT(connection->execute(R"sql(INSERT INTO "Account" ("id", "userId", "type", "provider", "providerAccountId")
VALUES ('a1', 'nobody', 'oauth', 'github', '1'))sql"),
        HasError(ErrorCode::Internal));
    ASSERT_THAT(connection->execute(R"sql(INSERT INTO "Account" ("id", "userId", "type", "provider", "providerAccountId")
VALUES ('a1', 'u1', 'oauth', 'github', '1'))sql"),
        IsOk());
    ASSERT_THAT(connection->execute(R"sql(DELETE FROM "User" WHERE "id" = 'u1')sql"), IsOk());
    EXPECT_EQ(rows_of(*connection, R"sql(SELECT count(*) FROM "Account")sql"), (std::vector<std::string> { "0|" }));
}

TEST_P(MigrationsTest, AdoptsTheSeedsDatabaseWithoutTouchingPrismaTables)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    create_seed_schema(*connection);
    auto const& bcrypt = nextauth_vectors()["bcrypt"]["random_salt"][0];
    auto hash = bcrypt["hash"].get<std::string>();
    ASSERT_THAT(connection->execute(R"sql(INSERT INTO "User" ("id", "name", "email", "password") VALUES ($1, $2, $3, $4))sql",
                    { std::string("clx0seeduser000000000000a"), std::string("Seed User"), std::string("Seed@Example.com"), hash }),
        IsOk());
    auto schema_before = prisma_schema_description(*connection);
    ASSERT_FALSE(schema_before.empty());
    std::string const user_sql = R"sql(SELECT "id", "name", "email", "emailVerified", "password", "image" FROM "User")sql";
    std::string const prisma_migrations_sql = R"sql(SELECT "id", "checksum", "migration_name", "applied_steps_count" FROM "_prisma_migrations")sql";
    auto users_before = rows_of(*connection, user_sql);
    auto prisma_migrations_before = rows_of(*connection, prisma_migrations_sql);

    auto applied = apply_migrations(*connection);
    ASSERT_THAT(applied, IsOk());
    EXPECT_EQ(*applied, static_cast<int>(migrations().size()));

    EXPECT_EQ(prisma_schema_description(*connection), schema_before);
    EXPECT_EQ(rows_of(*connection, user_sql), users_before);
    EXPECT_EQ(rows_of(*connection, prisma_migrations_sql), prisma_migrations_before);

    // The seed's user logs in with what the seed stored; without a settings row the defaults apply.
    auto user = find_user_by_email(*connection, "seed@example.com");
    ASSERT_THAT(user, IsOk());
    ASSERT_TRUE(user->has_value());
    EXPECT_EQ((*user)->id, "clx0seeduser000000000000a");
    EXPECT_EQ((*user)->password_hash, hash);
    EXPECT_EQ((*user)->email, "Seed@Example.com");
    EXPECT_FALSE((*user)->is_admin);
    EXPECT_FALSE((*user)->disabled);
    EXPECT_EQ((*user)->session_epoch, 0);
}

TEST_P(MigrationsTest, InstancesStartingTogetherApplyEachMigrationOnce)
{
    constexpr int kInstances = 3;
    std::vector<std::optional<Result<std::unique_ptr<Database>>>> opened(kInstances);
    std::vector<std::thread> threads;
    for (int i = 0; i < kInstances; ++i)
        threads.emplace_back([&, i] { opened[std::size_t(i)].emplace(Database::open(settings(2))); });
    for (auto& thread : threads)
        thread.join();
    for (auto& database : opened)
        ASSERT_THAT(*database, IsOk());
    auto connection = connect();
    ASSERT_TRUE(connection);
    EXPECT_EQ(rows_of(*connection, "SELECT version FROM mmsgate_schema_migrations ORDER BY version"),
        (std::vector<std::string> { "1|", "2|", "3|", "4|", "5|", "6|", "7|", "9|", "10|", "11|", "12|", "13|", "14|", "15|" }));
}

MMSGATE_ON_EVERY_BACKEND(MigrationsTest);

}
}
