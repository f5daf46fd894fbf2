#pragma once
// Databases for tests of the store and of what stores through it: each test runs on a fresh SQLite
// file and, when the suite has a PostgreSQL server (postgres_server.hpp), on a fresh schema in it.
// The test target links the libraries under test (mmsgate_store at least).
#include "core/ids.hpp"
#include "store/database.hpp"
#include "store/postgres_connection.hpp"
#include "store/sqlite_connection.hpp"
#include "support/backend.hpp"
#include "support/matchers.hpp"
#include "support/postgres_server.hpp"
#include "support/temporary_directory.hpp"

#include <future>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <string>

namespace mmsgate::testing {

// A migrated SQLite database in `directory`, for tests whose rules are not the backend's; fails the
// test and returns nullptr when it cannot open it.
[[nodiscard]] inline std::unique_ptr<Database> open_sqlite_database(TemporaryDirectory const& directory, std::string const& file_name,
    int pool_size = 2)
{
    auto database = Database::open(DatabaseSettings { .url = (directory.path() / file_name).string(), .pool_size = pool_size });
    EXPECT_THAT(database, IsOk());
    return database ? std::move(*database) : nullptr;
}

// write_blocking without the wait: queues `function` as a write job now, on the calling thread, so
// that jobs queue in the order of the calls, and returns its result to come.
template <class T, class Function>
std::future<Result<T>> queue_write(Database& database, Function function)
{
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto result = std::make_shared<std::optional<Result<T>>>();
    auto future = promise->get_future();
    database.submit_write(
        [result, function = std::move(function)](SqlConnection& connection) mutable {
            result->emplace(function(connection));
            return (*result)->has_value();
        },
        [result, promise](std::optional<Error> error) {
            if (error)
                promise->set_value(std::unexpected(std::move(*error)));
            else if (*result)
                promise->set_value(std::move(**result));
            else
                promise->set_value(std::unexpected(Error { ErrorCode::Internal, "database job did not run" }));
        });
    return future;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override
    {
        if (GetParam() == Backend::Sqlite) {
            m_directory = std::make_unique<TemporaryDirectory>();
            m_url = (m_directory->path() / "test.db").string();
            return;
        }
        auto server = PostgresServer::suite();
        if (!server)
            GTEST_SKIP() << "MMSGATE_TEST_POSTGRES_URL is not set (scripts/test-postgres start)";
        m_base_url = server->url();
        auto admin = PostgresConnection::open({ .url = m_base_url });
        ASSERT_THAT(admin, IsOk());
        m_admin = std::move(*admin);
        m_schema = "test_" + new_cuid();
        ASSERT_THAT(m_admin->execute_script("CREATE SCHEMA " + m_schema), IsOk());
        m_url = with_url_parameter(m_base_url, "options=-csearch_path%3D" + m_schema);
    }

    void TearDown() override
    {
        if (m_admin && !m_schema.empty()) {
            EXPECT_THAT(m_admin->execute_script("DROP SCHEMA " + m_schema + " CASCADE"), IsOk());
        }
    }

    [[nodiscard]] bool is_postgres() const { return GetParam() == Backend::Postgres; }
    [[nodiscard]] std::string const& url() const { return m_url; }
    [[nodiscard]] std::string const& schema() const { return m_schema; }

    [[nodiscard]] DatabaseSettings settings(int pool_size = 4) const
    {
        return DatabaseSettings { .url = m_url, .pool_size = pool_size };
    }

    // Opens the database (applying migrations); fails the test when it cannot.
    [[nodiscard]] std::unique_ptr<Database> open_database(int pool_size = 4)
    {
        auto database = Database::open(settings(pool_size));
        EXPECT_THAT(database, IsOk());
        return database ? std::move(*database) : nullptr;
    }

    // A bare connection to the test database: no migrations.
    [[nodiscard]] std::unique_ptr<SqlConnection> connect(std::chrono::milliseconds statement_timeout = std::chrono::seconds(10))
    {
        if (is_postgres()) {
            auto connection = PostgresConnection::open({ .url = m_url, .statement_timeout = statement_timeout });
            EXPECT_THAT(connection, IsOk());
            return connection ? std::move(*connection) : nullptr;
        }
        auto connection = SqliteConnection::open({ .path = m_url, .statement_timeout = statement_timeout });
        EXPECT_THAT(connection, IsOk());
        return connection ? std::move(*connection) : nullptr;
    }

    // A superuser connection outside the test's schema (PostgreSQL only).
    [[nodiscard]] SqlConnection& admin() { return *m_admin; }
    [[nodiscard]] std::string const& base_url() const { return m_base_url; }

private:
    std::unique_ptr<TemporaryDirectory> m_directory;
    std::unique_ptr<PostgresConnection> m_admin;
    std::string m_base_url;
    std::string m_schema;
    std::string m_url;
};

// A StoreTest whose tests find the database open (migrated) in m_database; it is closed before
// the test's schema is dropped.
class OpenDatabaseTest : public StoreTest {
protected:
    void SetUp() override
    {
        StoreTest::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        m_database = open_database();
        ASSERT_TRUE(m_database);
    }

    void TearDown() override
    {
        m_database.reset();
        StoreTest::TearDown();
    }

    std::unique_ptr<Database> m_database;
};

}
