#pragma once
// Databases for the store tests: each test runs on a fresh SQLite file and, when
// MMSGATE_TEST_POSTGRES_URL is set (scripts/test-postgres), on a fresh PostgreSQL schema.
#include "core/ids.hpp"
#include "store/database.hpp"
#include "store/postgres_connection.hpp"
#include "store/sqlite_connection.hpp"
#include "support/matchers.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace mmsgate::testing {

enum class Backend { Sqlite, Postgres };

inline void PrintTo(Backend backend, std::ostream* out)
{
    *out << (backend == Backend::Sqlite ? "Sqlite" : "Postgres");
}

inline std::string backend_name(::testing::TestParamInfo<Backend> const& info)
{
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

inline char const* postgres_test_url()
{
    char const* url = std::getenv("MMSGATE_TEST_POSTGRES_URL");
    return url && *url ? url : nullptr;
}

// Adds a libpq parameter to a postgresql:// URL.
inline std::string with_url_parameter(std::string const& url, std::string_view parameter)
{
    return url + (url.find('?') == std::string::npos ? "?" : "&") + std::string(parameter);
}

// A directory under the system's temporary directory, removed with everything in it.
class TemporaryDirectory {
public:
    TemporaryDirectory()
        : m_path(std::filesystem::temp_directory_path() / ("mmsgate-store-" + new_cuid()))
    {
        std::filesystem::create_directories(m_path);
    }
    ~TemporaryDirectory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TemporaryDirectory(TemporaryDirectory const&) = delete;
    TemporaryDirectory& operator=(TemporaryDirectory const&) = delete;
    [[nodiscard]] std::filesystem::path const& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

class StoreTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override
    {
        if (GetParam() == Backend::Sqlite) {
            m_directory = std::make_unique<TemporaryDirectory>();
            m_url = (m_directory->path() / "test.db").string();
            return;
        }
        char const* base = postgres_test_url();
        if (!base)
            GTEST_SKIP() << "MMSGATE_TEST_POSTGRES_URL is not set (scripts/test-postgres start)";
        m_base_url = base;
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

#define MMSGATE_INSTANTIATE_STORE_TEST(Suite)                                                                     \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                     \
        ::testing::Values(::mmsgate::testing::Backend::Sqlite, ::mmsgate::testing::Backend::Postgres),           \
        ::mmsgate::testing::backend_name)

}
