#include "store/sql_connection.hpp"

#include "support/store_fixture.hpp"

#include <chrono>
#include <thread>

namespace mmsgate::testing {
namespace {

using namespace std::chrono_literals;

class SqlConnectionTest : public StoreTest { };

TEST_P(SqlConnectionTest, BindsParametersAndReadsValues)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    ASSERT_THAT(connection->execute(
                    "CREATE TABLE sample (id BIGINT NOT NULL PRIMARY KEY, name TEXT, ratio DOUBLE PRECISION, note TEXT)"),
        IsOk());
    auto inserted = connection->execute("INSERT INTO sample (id, name, ratio, note) VALUES ($1, $2, $3, $4)",
        { std::int64_t { 9007199254740993 }, std::string("O'Brien \"quoted\" ünïcode"), 0.25, nullptr });
    ASSERT_THAT(inserted, IsOk());
    EXPECT_EQ(inserted->affected_rows, 1);
    ASSERT_THAT(connection->execute("INSERT INTO sample (id, name) VALUES ($1, $2)", { std::int64_t { 2 }, std::string("b") }),
        IsOk());

    // The same parameter twice, and integers come back as integers on both backends.
    auto selected = connection->execute(
        "SELECT id, name, ratio, note, count(*) OVER () FROM sample WHERE id = $1 OR (id > $1 AND name = $2) ORDER BY id",
        { std::int64_t { 2 }, std::string("x") });
    ASSERT_THAT(selected, IsOk());
    ASSERT_EQ(selected->rows.size(), 1u);
    EXPECT_EQ(selected->affected_rows, 0);
    auto const& row = selected->rows[0];
    EXPECT_TRUE(std::holds_alternative<std::int64_t>(row.value(0)));
    EXPECT_TRUE(std::holds_alternative<std::int64_t>(row.value(4)));
    EXPECT_EQ(row.integer(4), 1);

    auto all = connection->execute("SELECT id, name, ratio, note FROM sample ORDER BY id DESC");
    ASSERT_THAT(all, IsOk());
    ASSERT_EQ(all->rows.size(), 2u);
    EXPECT_EQ(all->rows[0].integer(0), 9007199254740993);
    EXPECT_EQ(all->rows[0].text(1), "O'Brien \"quoted\" ünïcode");
    EXPECT_DOUBLE_EQ(std::get<double>(all->rows[0].value(2)), 0.25);
    EXPECT_TRUE(all->rows[0].is_null(3));
    EXPECT_TRUE(all->rows[1].is_null(2));

    auto updated = connection->execute("UPDATE sample SET note = $1", { std::string("n") });
    ASSERT_THAT(updated, IsOk());
    EXPECT_EQ(updated->affected_rows, 2);
    auto deleted = connection->execute("DELETE FROM sample WHERE id = $1 RETURNING name", { std::int64_t { 2 } });
    ASSERT_THAT(deleted, IsOk());
    EXPECT_EQ(deleted->affected_rows, 1);
    ASSERT_EQ(deleted->rows.size(), 1u);
    EXPECT_EQ(deleted->rows[0].text(0), "b");
}

TEST_P(SqlConnectionTest, UniqueViolationIsAlreadyExists)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    ASSERT_THAT(connection->execute_script("CREATE TABLE keyed (id TEXT NOT NULL PRIMARY KEY, email TEXT UNIQUE)"), IsOk());
    ASSERT_THAT(connection->execute("INSERT INTO keyed (id, email) VALUES ($1, $2)", { std::string("a"), std::string("x") }),
        IsOk());
    EXPECT_THAT(connection->execute("INSERT INTO keyed (id, email) VALUES ($1, $2)", { std::string("a"), std::string("y") }),
        HasError(ErrorCode::AlreadyExists));
    EXPECT_THAT(connection->execute("INSERT INTO keyed (id, email) VALUES ($1, $2)", { std::string("b"), std::string("x") }),
        HasError(ErrorCode::AlreadyExists));
    EXPECT_TRUE(connection->healthy());
}

TEST_P(SqlConnectionTest, MistakesAreInternalWithTheSqlErrorInDetail)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    auto syntax = connection->execute("SELEC 1");
    ASSERT_THAT(syntax, HasError(ErrorCode::Internal));
    EXPECT_EQ(syntax.error().message, "database error");
    EXPECT_NE(syntax.error().detail.find("SELEC 1"), std::string::npos);
    EXPECT_THAT(connection->execute("SELECT 1; SELECT 2"), HasError(ErrorCode::Internal));
    EXPECT_THAT(connection->execute("SELECT CAST($1 AS TEXT)", { std::string("a"), std::string("b") }),
        HasError(ErrorCode::Internal));
    EXPECT_THAT(connection->execute_script("CREATE TABLE a (x INTEGER); SELEC 2"), HasError(ErrorCode::Internal));
    EXPECT_TRUE(connection->healthy());
    EXPECT_THAT(connection->execute("SELECT 1"), IsOk());
}

TEST_P(SqlConnectionTest, ScriptRunsEveryStatementAndTransactionsAreVisible)
{
    auto connection = connect();
    ASSERT_TRUE(connection);
    EXPECT_FALSE(connection->in_transaction());
    ASSERT_THAT(connection->execute_script("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);"),
        IsOk());
    ASSERT_THAT(connection->execute("BEGIN"), IsOk());
    EXPECT_TRUE(connection->in_transaction());
    ASSERT_THAT(connection->execute("INSERT INTO t VALUES (3)"), IsOk());
    ASSERT_THAT(connection->execute("ROLLBACK"), IsOk());
    EXPECT_FALSE(connection->in_transaction());
    auto counted = connection->execute("SELECT count(*), sum(x) FROM t");
    ASSERT_THAT(counted, IsOk());
    EXPECT_EQ(counted->rows[0].integer(0), 2);
    EXPECT_EQ(counted->rows[0].integer(1), 3);
}

TEST_P(SqlConnectionTest, StatementTimeoutIsDeadlineExceeded)
{
    auto connection = connect(200ms);
    ASSERT_TRUE(connection);
    auto started = std::chrono::steady_clock::now();
    auto slow = is_postgres()
        ? connection->execute("SELECT pg_sleep(5)")
        : connection->execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
    EXPECT_THAT(slow, HasError(ErrorCode::DeadlineExceeded));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
    EXPECT_TRUE(connection->healthy());
    EXPECT_THAT(connection->execute("SELECT 1"), IsOk());
}

MMSGATE_ON_EVERY_BACKEND(SqlConnectionTest);

TEST(SqliteConnection, BusyDatabaseIsUnavailable)
{
    TemporaryDirectory directory;
    auto path = (directory.path() / "busy.db").string();
    auto holder = SqliteConnection::open({ .path = path });
    auto waiter = SqliteConnection::open({ .path = path, .busy_timeout = 50ms });
    ASSERT_THAT(holder, IsOk());
    ASSERT_THAT(waiter, IsOk());
    ASSERT_THAT((*holder)->execute_script("CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);"), IsOk());
    EXPECT_THAT((*waiter)->execute("INSERT INTO t VALUES (2)"), HasError(ErrorCode::Unavailable));
    ASSERT_THAT((*holder)->execute("COMMIT"), IsOk());
    EXPECT_THAT((*waiter)->execute("INSERT INTO t VALUES (2)"), IsOk());
}

TEST(SqliteConnection, ReadOnlyConnectionRefusesWrites)
{
    TemporaryDirectory directory;
    auto path = (directory.path() / "reader.db").string();
    auto writer = SqliteConnection::open({ .path = path });
    ASSERT_THAT(writer, IsOk());
    ASSERT_THAT((*writer)->execute_script("CREATE TABLE t (x INTEGER)"), IsOk());
    auto reader = SqliteConnection::open({ .path = path, .read_only = true });
    ASSERT_THAT(reader, IsOk());
    EXPECT_THAT((*reader)->execute("SELECT count(*) FROM t"), IsOk());
    EXPECT_FALSE((*reader)->execute("INSERT INTO t VALUES (1)").has_value());
}

TEST(SqliteConnection, UnopenableFileIsUnavailable)
{
    TemporaryDirectory directory;
    auto path = (directory.path() / "missing-directory" / "x.db").string();
    EXPECT_THAT(SqliteConnection::open({ .path = path }), HasError(ErrorCode::Unavailable));
}

TEST(PostgresConnection, RefusedConnectionIsUnavailable)
{
    // Port 1 on loopback: nothing listens there, so the connect is refused at once.
    auto started = std::chrono::steady_clock::now();
    auto connection = PostgresConnection::open({ .url = "postgresql://mmsgate:secret-password@127.0.0.1:1/mmsgate" });
    ASSERT_THAT(connection, HasError(ErrorCode::Unavailable));
    EXPECT_EQ(connection.error().detail.find("secret-password"), std::string::npos);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(PostgresConnection, TerminatedBackendIsUnavailableAndUnhealthy)
{
    auto server = PostgresServer::suite();
    if (!server)
        GTEST_SKIP() << "MMSGATE_TEST_POSTGRES_URL is not set";
    auto victim = PostgresConnection::open({ .url = server->url() });
    auto killer = PostgresConnection::open({ .url = server->url() });
    ASSERT_THAT(victim, IsOk());
    ASSERT_THAT(killer, IsOk());
    auto pid = (*victim)->execute("SELECT pg_backend_pid()");
    ASSERT_THAT(pid, IsOk());
    ASSERT_THAT((*killer)->execute("SELECT pg_terminate_backend($1)", { pid->rows[0].integer(0) }), IsOk());
    auto started = std::chrono::steady_clock::now();
    EXPECT_THAT((*victim)->execute("SELECT 1"), HasError(ErrorCode::Unavailable));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
    EXPECT_FALSE((*victim)->healthy());
    EXPECT_FALSE((*victim)->check_alive());
    EXPECT_THAT((*victim)->execute("SELECT 1"), HasError(ErrorCode::Unavailable));
}

TEST(PostgresConnection, FailedStatementMarksTheTransactionFailed)
{
    auto server = PostgresServer::suite();
    if (!server)
        GTEST_SKIP() << "MMSGATE_TEST_POSTGRES_URL is not set";
    auto connection = PostgresConnection::open({ .url = server->url() });
    ASSERT_THAT(connection, IsOk());
    auto& postgres = **connection;
    ASSERT_THAT(postgres.execute("BEGIN"), IsOk());
    EXPECT_FALSE(postgres.transaction_failed());
    EXPECT_THAT(postgres.execute("SELECT 1/0"), HasError(ErrorCode::Internal));
    EXPECT_TRUE(postgres.transaction_failed());
    EXPECT_TRUE(postgres.in_transaction());
    ASSERT_THAT(postgres.execute("ROLLBACK"), IsOk());
    EXPECT_FALSE(postgres.in_transaction());
    EXPECT_TRUE(postgres.check_alive());
}

}
}
