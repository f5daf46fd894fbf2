// What only the SQLite backend does: group commit in one transaction, readers beside the writer.
#include "store/database.hpp"

#include "support/store_fixture.hpp"

#include <fmt/format.h>
#include <future>
#include <thread>

namespace mmsgate::testing {
namespace {

using namespace std::chrono_literals;

class SqliteDatabaseTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto database = Database::open({ .url = "sqlite:" + (m_directory.path() / "nested" / "dir" / "db.sqlite").string() });
        ASSERT_THAT(database, IsOk());
        m_database = std::move(*database);
        ASSERT_THAT(m_database->write_blocking<void>([](SqlConnection& connection) {
            return connection.execute_script("CREATE TABLE item (id TEXT NOT NULL PRIMARY KEY)");
        }),
            IsOk());
    }

    static bool insert(SqlConnection& connection, std::string id)
    {
        return connection.execute("INSERT INTO item (id) VALUES ($1)", { std::move(id) }).has_value();
    }

    std::vector<std::string> ids()
    {
        auto selected = m_database->read_blocking<std::vector<std::string>>(
            [](SqlConnection& connection) -> Result<std::vector<std::string>> {
                auto rows = connection.execute("SELECT id FROM item ORDER BY id");
                if (!rows)
                    return std::unexpected(std::move(rows.error()));
                std::vector<std::string> found;
                for (auto const& row : rows->rows)
                    found.push_back(row.text(0));
                return found;
            });
        EXPECT_THAT(selected, IsOk());
        return selected.value_or(std::vector<std::string> {});
    }

    // Blocks the writer inside its transaction until the returned promise is set.
    std::promise<void> hold_writer()
    {
        std::promise<void> release;
        auto entered = std::make_shared<std::promise<void>>();
        auto entered_future = entered->get_future();
        m_database->submit_write(
            [entered, released = release.get_future().share()](SqlConnection& connection) {
                entered->set_value();
                released.wait();
                return insert(connection, "0-holder");
            },
            [](std::optional<Error>) {});
        entered_future.wait();
        return release;
    }

    TemporaryDirectory m_directory;
    std::unique_ptr<Database> m_database;
};

TEST_F(SqliteDatabaseTest, CreatesTheFilesDirectory)
{
    EXPECT_TRUE(std::filesystem::exists(m_directory.path() / "nested" / "dir" / "db.sqlite"));
}

TEST_F(SqliteDatabaseTest, ReadersSeeTheLastCommitWhileTheWriterWorks)
{
    ASSERT_TRUE(m_database->write_blocking<bool>([](SqlConnection& connection) -> Result<bool> { return insert(connection, "1-committed"); })
                    .value_or(false));
    auto release = hold_writer();
    // The writer holds an open transaction with "0-holder" in it; reads neither wait nor see it.
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(ids(), (std::vector<std::string> { "1-committed" }));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
    release.set_value();
    EXPECT_TRUE(m_database->write_blocking<bool>([](SqlConnection&) -> Result<bool> { return true; }).has_value());
    EXPECT_EQ(ids(), (std::vector<std::string> { "0-holder", "1-committed" }));
}

TEST_F(SqliteDatabaseTest, CompletionsRunOnlyAfterTheGroupCommitted)
{
    auto release = hold_writer();
    // Jobs queued behind the holder form the next group; when a completion runs, a reader must
    // already see the job's row.
    constexpr int kJobs = 50;
    std::atomic<int> visible_at_completion { 0 };
    std::promise<void> all_done;
    std::atomic<int> done { 0 };
    for (int i = 0; i < kJobs; ++i) {
        auto id = fmt::format("job-{:02}", i);
        m_database->submit_write([id](SqlConnection& connection) { return insert(connection, id); },
            [&, id](std::optional<Error> error) {
                EXPECT_FALSE(error.has_value());
                // A fresh read connection sees only committed data.
                auto reader = SqliteConnection::open(
                    { .path = (m_directory.path() / "nested" / "dir" / "db.sqlite").string(), .read_only = true });
                if (reader) {
                    auto found = (*reader)->execute("SELECT count(*) FROM item WHERE id = $1", { SqlValue { id } });
                    if (found && found->rows[0].integer(0) == 1)
                        ++visible_at_completion;
                }
                if (++done == kJobs)
                    all_done.set_value();
            });
    }
    release.set_value();
    all_done.get_future().wait();
    EXPECT_EQ(visible_at_completion.load(), kJobs);
}

TEST_F(SqliteDatabaseTest, JobThatEndsTheTransactionFailsItsGroupAndTheRestRunAgain)
{
    auto release = hold_writer();
    auto before = queue_write<bool>(*m_database, [](SqlConnection& connection) -> Result<bool> { return insert(connection, "2-before"); });
    // A buggy job: it ends the group's transaction, which rolls back every earlier job's work.
    auto breaker = queue_write<bool>(*m_database, [](SqlConnection& connection) -> Result<bool> {
        return connection.execute("ROLLBACK").has_value();
    });
    auto after = queue_write<bool>(*m_database, [](SqlConnection& connection) -> Result<bool> { return insert(connection, "3-after"); });
    release.set_value();

    // Nobody is told "committed" for work that was rolled back; the job after the breaker had not
    // run yet and runs in the next group.
    EXPECT_THAT(before.get(), HasError(ErrorCode::Unavailable));
    EXPECT_THAT(breaker.get(), HasError(ErrorCode::Unavailable));
    EXPECT_THAT(after.get(), IsOk());
    EXPECT_EQ(ids(), (std::vector<std::string> { "0-holder", "3-after" }));
}

}
}
