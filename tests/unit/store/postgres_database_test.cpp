// What only the PostgreSQL backend does: replace broken connections, fail fast while none works,
// and refuse to report a write committed when PostgreSQL silently rolled it back.
#include "store/database.hpp"
#include "store/row_reader.hpp"

#include "support/eventually.hpp"
#include "support/store_fixture.hpp"

#include <atomic>
#include <chrono>
#include <fmt/format.h>
#include <optional>

namespace mmsgate::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class PostgresDatabaseTest : public StoreTest {
protected:
    void TearDown() override
    {
        StoreTest::TearDown();
        if (!m_role.empty()) {
            EXPECT_THAT(admin().execute_script("DROP ROLE IF EXISTS " + m_role), IsOk());
        }
    }

    // A role of its own, so that the test can refuse its logins as a restarting server would.
    std::string create_role()
    {
        m_role = "role_" + new_cuid();
        EXPECT_THAT(admin().execute_script(fmt::format(
                        "CREATE ROLE {0} LOGIN PASSWORD 'role-password'; GRANT ALL ON SCHEMA {1} TO {0};", m_role, schema())),
            IsOk());
        return with_url_parameter(url(), fmt::format("user={}&password=role-password", m_role));
    }

    void terminate_backends_of(std::string const& role)
    {
        ASSERT_THAT(admin().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", { role }),
            IsOk());
    }

    // The query /readyz runs.
    static Result<void> select_one(Database& database)
    {
        return database.read_blocking<void>([](SqlConnection& connection) { return execute_statement(connection, "SELECT 1"); });
    }

    static Result<std::int64_t> backend_pid(Database& database)
    {
        return database.read_blocking<std::int64_t>([](SqlConnection& connection) -> Result<std::int64_t> {
            auto selected = connection.execute("SELECT pg_backend_pid()");
            if (!selected)
                return std::unexpected(std::move(selected.error()));
            return selected->rows[0].integer(0);
        });
    }

    // Retries until a job succeeds or the deadline passes.
    static Result<std::int64_t> backend_pid_within(Database& database, std::chrono::milliseconds limit)
    {
        std::optional<Result<std::int64_t>> pid;
        (void)eventually([&] { return (pid = backend_pid(database))->has_value(); }, limit, 50ms);
        return *pid;
    }

    std::string m_role;
};

TEST_P(PostgresDatabaseTest, ReplacesAConnectionTheServerTerminated)
{
    auto database = open_database(1);
    ASSERT_TRUE(database);
    auto pid = backend_pid(*database);
    ASSERT_THAT(pid, IsOk());
    ASSERT_THAT(admin().execute("SELECT pg_terminate_backend($1)", { *pid }), IsOk());

    // The next job either notices the closed connection before it runs (and runs on a new one)
    // or fails at once with Unavailable; it never hangs.
    auto started = Clock::now();
    auto next = backend_pid(*database);
    EXPECT_LT(Clock::now() - started, 3s);
    if (!next) {
        EXPECT_EQ(next.error().code, ErrorCode::Unavailable);
    }
    auto later = backend_pid_within(*database, 10s);
    ASSERT_THAT(later, IsOk());
    EXPECT_NE(*later, *pid);
}

TEST_P(PostgresDatabaseTest, FailsFastWhileNoConnectionWorksAndResumesByItself)
{
    auto role_url = create_role();
    auto opened = Database::open({ .url = role_url, .pool_size = 2 });
    ASSERT_THAT(opened, IsOk());
    auto& database = **opened;
    ASSERT_THAT(backend_pid(database), IsOk());

    // What a restarting server looks like from here: connections drop, new logins are refused.
    ASSERT_THAT(admin().execute_script("ALTER ROLE " + m_role + " NOLOGIN"), IsOk());
    terminate_backends_of(m_role);
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto started = Clock::now();
        EXPECT_THAT(backend_pid(database), HasError(ErrorCode::Unavailable));
        EXPECT_LT(Clock::now() - started, 2s);
    }
    auto check_started = Clock::now();
    EXPECT_THAT(select_one(database), HasError(ErrorCode::Unavailable));
    EXPECT_LT(Clock::now() - check_started, 2s);

    ASSERT_THAT(admin().execute_script("ALTER ROLE " + m_role + " LOGIN"), IsOk());
    // Reconnection backs off to at most 5 s between attempts.
    EXPECT_THAT(backend_pid_within(database, 15s), IsOk());
    EXPECT_THAT(select_one(database), IsOk());
}

TEST_P(PostgresDatabaseTest, CloseDoesNotWaitForADownServer)
{
    auto role_url = create_role();
    auto opened = Database::open({ .url = role_url, .pool_size = 3 });
    ASSERT_THAT(opened, IsOk());
    ASSERT_THAT(admin().execute_script("ALTER ROLE " + m_role + " NOLOGIN"), IsOk());
    terminate_backends_of(m_role);
    std::atomic<int> completed { 0 };
    for (int i = 0; i < 20; ++i)
        (*opened)->submit_write([](SqlConnection&) { return true; }, [&](std::optional<Error>) { ++completed; });
    auto started = Clock::now();
    (*opened)->close();
    EXPECT_LT(Clock::now() - started, 8s);
    EXPECT_EQ(completed.load(), 20);
}

TEST_P(PostgresDatabaseTest, WriteThatIgnoredAFailedStatementIsNotCommitted)
{
    auto database = open_database(1);
    ASSERT_TRUE(database);
    ASSERT_THAT(database->write_blocking<void>([](SqlConnection& connection) {
        return connection.execute_script("CREATE TABLE item (id TEXT NOT NULL PRIMARY KEY)");
    }),
        IsOk());
    // PostgreSQL would answer this job's COMMIT with a silent ROLLBACK.
    auto careless = database->write_blocking<bool>([](SqlConnection& connection) -> Result<bool> {
        (void)connection.execute("INSERT INTO item (id) VALUES ('kept?')");
        (void)connection.execute("SELECT 1/0");
        return true;
    });
    EXPECT_THAT(careless, HasError(ErrorCode::Internal));
    auto counted = database->read_blocking<std::int64_t>([](SqlConnection& connection) -> Result<std::int64_t> {
        auto selected = connection.execute("SELECT count(*) FROM item");
        if (!selected)
            return std::unexpected(std::move(selected.error()));
        return selected->rows[0].integer(0);
    });
    ASSERT_THAT(counted, IsOk());
    EXPECT_EQ(*counted, 0);
}

TEST(PostgresDatabase, OpeningAnUnreachableServerIsUnavailable)
{
    auto started = Clock::now();
    EXPECT_THAT(Database::open({ .url = "postgresql://mmsgate@127.0.0.1:1/mmsgate" }), HasError(ErrorCode::Unavailable));
    EXPECT_LT(Clock::now() - started, 5s);
}

MMSGATE_ON_POSTGRES_ONLY(PostgresDatabaseTest);

}
}
