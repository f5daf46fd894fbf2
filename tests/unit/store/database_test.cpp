#include "store/database.hpp"
#include "store/row_reader.hpp"

#include "support/store_fixture.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <future>
#include <thread>

namespace mmsgate::testing {
namespace {

using namespace std::chrono_literals;

class DatabaseTest : public StoreTest {
protected:
    // The query /readyz runs.
    static Result<void> select_one(Database& database)
    {
        return database.read_blocking<void>([](SqlConnection& connection) { return execute_statement(connection, "SELECT 1"); });
    }

    static Result<void> create_table(Database& database)
    {
        return database.write_blocking<void>([](SqlConnection& connection) {
            return connection.execute_script("CREATE TABLE IF NOT EXISTS item (id TEXT NOT NULL PRIMARY KEY, n BIGINT)");
        });
    }

    static Result<void> insert(SqlConnection& connection, std::string const& id, std::int64_t n = 0)
    {
        auto inserted = connection.execute("INSERT INTO item (id, n) VALUES ($1, $2)", { id, n });
        if (!inserted)
            return std::unexpected(std::move(inserted.error()));
        return {};
    }

    static std::int64_t count_items(Database& database, std::string const& where = "1 = 1")
    {
        auto counted = database.read_blocking<std::int64_t>([&](SqlConnection& connection) -> Result<std::int64_t> {
            auto selected = connection.execute("SELECT count(*) FROM item WHERE " + where);
            if (!selected)
                return std::unexpected(std::move(selected.error()));
            return selected->rows[0].integer(0);
        });
        EXPECT_THAT(counted, IsOk());
        return counted.value_or(-1);
    }

    // Occupies the writer (SQLite) or one connection until released, so that the jobs submitted
    // meanwhile queue up and run as one group.
    struct Gate {
        std::promise<void> entered;
        std::promise<void> release;
    };

    static void hold_writer(Database& database, Gate& gate)
    {
        database.submit_write(
            [&gate](SqlConnection&) {
                gate.entered.set_value();
                gate.release.get_future().wait();
                return true;
            },
            [](std::optional<Error>) {});
        gate.entered.get_future().wait();
    }
};

TEST_P(DatabaseTest, WritesThenReads)
{
    auto database = open_database();
    ASSERT_TRUE(database);
    EXPECT_EQ(database->dialect(), is_postgres() ? Dialect::Postgres : Dialect::Sqlite);
    ASSERT_THAT(create_table(*database), IsOk());
    auto written = database->write_blocking<std::string>([](SqlConnection& connection) -> Result<std::string> {
        if (auto inserted = insert(connection, "a", 7); !inserted)
            return std::unexpected(inserted.error());
        return std::string("done");
    });
    ASSERT_THAT(written, IsOk());
    EXPECT_EQ(*written, "done");
    EXPECT_EQ(count_items(*database, "n = 7"), 1);
    EXPECT_THAT(select_one(*database), IsOk());
}

struct AwaitedResults {
    std::vector<std::thread::id> resumed_on;
    std::optional<Result<void>> first;
    std::optional<Result<void>> duplicate;
    std::optional<Result<std::int64_t>> read_back;
};

Awaitable<void> write_twice_then_read(Database& database, AwaitedResults& results)
{
    results.first = co_await database.write<void>([](SqlConnection& connection) {
        auto inserted = connection.execute("INSERT INTO item (id, n) VALUES ('x', 5)");
        return inserted ? Result<void> {} : Result<void>(std::unexpected(inserted.error()));
    });
    results.resumed_on.push_back(std::this_thread::get_id());
    results.duplicate = co_await database.write<void>([](SqlConnection& connection) {
        auto inserted = connection.execute("INSERT INTO item (id, n) VALUES ('x', 6)");
        return inserted ? Result<void> {} : Result<void>(std::unexpected(inserted.error()));
    });
    results.resumed_on.push_back(std::this_thread::get_id());
    results.read_back = co_await database.read<std::int64_t>([](SqlConnection& connection) -> Result<std::int64_t> {
        auto selected = connection.execute("SELECT n FROM item WHERE id = 'x'");
        if (!selected)
            return std::unexpected(std::move(selected.error()));
        return selected->rows.at(0).integer(0);
    });
    results.resumed_on.push_back(std::this_thread::get_id());
}

TEST_P(DatabaseTest, AwaitableFormsResumeOnTheCallersExecutor)
{
    auto database = open_database();
    ASSERT_TRUE(database);
    ASSERT_THAT(create_table(*database), IsOk());
    net::io_context io;
    AwaitedResults results;
    net::co_spawn(io, write_twice_then_read(*database, results), net::detached);
    // run() returns only when the coroutine finished: the pending jobs keep the io_context busy.
    io.run();
    ASSERT_EQ(results.resumed_on.size(), 3u);
    for (auto id : results.resumed_on)
        EXPECT_EQ(id, std::this_thread::get_id());
    EXPECT_THAT(*results.first, IsOk());
    EXPECT_THAT(*results.duplicate, HasError(ErrorCode::AlreadyExists));
    ASSERT_THAT(*results.read_back, IsOk());
    EXPECT_EQ(**results.read_back, 5);
}

TEST_P(DatabaseTest, FailingWriteRollsBackOnlyItself)
{
    auto database = open_database();
    ASSERT_TRUE(database);
    ASSERT_THAT(create_table(*database), IsOk());
    Gate gate;
    hold_writer(*database, gate);

    auto first = queue_write<void>(*database, [](SqlConnection& connection) { return insert(connection, "first"); });
    auto failing = queue_write<void>(*database, [](SqlConnection& connection) -> Result<void> {
        if (auto inserted = insert(connection, "failing-1"); !inserted)
            return inserted;
        if (auto inserted = insert(connection, "failing-2"); !inserted)
            return inserted;
        return fail(ErrorCode::Conflict, "the job changed its mind");
    });
    auto duplicate = queue_write<void>(*database, [](SqlConnection& connection) -> Result<void> {
        if (auto inserted = insert(connection, "dup-1"); !inserted)
            return inserted;
        return insert(connection, "dup-1");
    });
    auto throwing = queue_write<void>(*database, [](SqlConnection& connection) -> Result<void> {
        if (auto inserted = insert(connection, "thrown"); !inserted)
            return inserted;
        throw std::runtime_error("a bug in the job");
    });
    auto last = queue_write<void>(*database, [](SqlConnection& connection) { return insert(connection, "last"); });
    gate.release.set_value();

    EXPECT_THAT(first.get(), IsOk());
    auto failed = failing.get();
    ASSERT_THAT(failed, HasError(ErrorCode::Conflict));
    EXPECT_EQ(failed.error().message, "the job changed its mind");
    EXPECT_THAT(duplicate.get(), HasError(ErrorCode::AlreadyExists));
    auto thrown = throwing.get();
    ASSERT_THAT(thrown, HasError(ErrorCode::Internal));
    EXPECT_NE(thrown.error().detail.find("a bug in the job"), std::string::npos);
    EXPECT_THAT(last.get(), IsOk());

    EXPECT_EQ(count_items(*database, "id IN ('first', 'last')"), 2);
    EXPECT_EQ(count_items(*database), 2);
}

TEST_P(DatabaseTest, ManyConcurrentWritesAreAllDurable)
{
    constexpr int kWrites = 20000;
    {
        auto database = open_database();
        ASSERT_TRUE(database);
        ASSERT_THAT(create_table(*database), IsOk());
        std::atomic<int> succeeded { 0 };
        std::atomic<int> finished { 0 };
        std::promise<void> all_done;
        std::mutex error_mutex;
        std::optional<Error> first_error;
        auto started = std::chrono::steady_clock::now();
        // Four submitting threads, as request handlers on several I/O threads would.
        std::vector<std::thread> submitters;
        for (int thread = 0; thread < 4; ++thread) {
            submitters.emplace_back([&, thread] {
                for (int i = thread; i < kWrites; i += 4) {
                    database->submit_write(
                        [i](SqlConnection& connection) { return insert(connection, fmt::format("item-{}", i), i).has_value(); },
                        [&](std::optional<Error> error) {
                            if (error) {
                                std::lock_guard lock(error_mutex);
                                if (!first_error)
                                    first_error = error;
                            } else {
                                ++succeeded;
                            }
                            if (++finished == kWrites)
                                all_done.set_value();
                        });
                }
            });
        }
        for (auto& submitter : submitters)
            submitter.join();
        ASSERT_EQ(all_done.get_future().wait_for(300s), std::future_status::ready);
        auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::printf("[ metric   ] %s: %d concurrent durable writes in %.3f s = %.0f writes/s\n",
            is_postgres() ? "postgres" : "sqlite", kWrites, elapsed, kWrites / elapsed);
        EXPECT_FALSE(first_error.has_value()) << (first_error ? first_error->detail : "");
        EXPECT_EQ(succeeded.load(), kWrites);
        database->close();
    }
    // Everything reported committed is there after the database was closed and opened again.
    auto reopened = open_database();
    ASSERT_TRUE(reopened);
    EXPECT_EQ(count_items(*reopened), kWrites);
    EXPECT_EQ(count_items(*reopened, "n = 19999 AND id = 'item-19999'"), 1);
}

// One request's coroutine: its writes one after the other, each awaited, as a handler does.
Awaitable<void> write_in_turn(Database& database, int client, int writes, std::atomic<int>& failures)
{
    for (int i = 0; i < writes; ++i) {
        auto id = fmt::format("c{}-{}", client, i);
        auto written = co_await database.write<void>([&id](SqlConnection& connection) {
            auto inserted = connection.execute("INSERT INTO item (id, n) VALUES ($1, 0)", { id });
            if (!inserted)
                return Result<void>(std::unexpected(std::move(inserted.error())));
            return Result<void> {};
        });
        if (!written)
            ++failures;
    }
}

TEST_P(DatabaseTest, RequestsAwaitingTheirWritesAllCommit)
{
    // Closer to the server's load than the test above: 1000 requests on two I/O threads, each
    // awaiting its write before it sends the next one.
    constexpr int kClients = 1000;
    constexpr int kWritesPerClient = 10;
    auto database = open_database();
    ASSERT_TRUE(database);
    ASSERT_THAT(create_table(*database), IsOk());
    std::atomic<int> failures { 0 };
    net::io_context io;
    for (int client = 0; client < kClients; ++client)
        net::co_spawn(io, write_in_turn(*database, client, kWritesPerClient, failures), net::detached);
    auto started = std::chrono::steady_clock::now();
    std::thread second_io_thread([&] { io.run(); });
    io.run();
    second_io_thread.join();
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("[ metric   ] %s: %d requests x %d awaited writes in %.3f s = %.0f writes/s\n",
        is_postgres() ? "postgres" : "sqlite", kClients, kWritesPerClient, elapsed, kClients * kWritesPerClient / elapsed);
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(count_items(*database), kClients * kWritesPerClient);
}

TEST_P(DatabaseTest, CloseFinishesQueuedWorkAndRefusesNewWork)
{
    constexpr int kWrites = 500;
    auto database = open_database();
    ASSERT_TRUE(database);
    ASSERT_THAT(create_table(*database), IsOk());
    std::atomic<int> succeeded { 0 };
    for (int i = 0; i < kWrites; ++i) {
        database->submit_write([i](SqlConnection& connection) { return insert(connection, fmt::format("q-{}", i)).has_value(); },
            [&](std::optional<Error> error) {
                if (!error)
                    ++succeeded;
            });
    }
    database->close();
    EXPECT_EQ(succeeded.load(), kWrites);

    EXPECT_THAT(database->write_blocking<void>([](SqlConnection& connection) { return insert(connection, "late"); }),
        HasError(ErrorCode::Unavailable));
    EXPECT_THAT(database->read_blocking<void>([](SqlConnection&) -> Result<void> { return {}; }),
        HasError(ErrorCode::Unavailable));
    EXPECT_THAT(select_one(*database), HasError(ErrorCode::Unavailable));
    database->close(); // twice is fine

    auto reopened = open_database();
    ASSERT_TRUE(reopened);
    EXPECT_EQ(count_items(*reopened), kWrites);
}

TEST_P(DatabaseTest, ReadsCannotWrite)
{
    auto database = open_database();
    ASSERT_TRUE(database);
    ASSERT_THAT(create_table(*database), IsOk());
    EXPECT_FALSE(database->read_blocking<void>([](SqlConnection& connection) { return insert(connection, "r"); }).has_value());
    EXPECT_EQ(count_items(*database), 0);
}

MMSGATE_ON_EVERY_BACKEND(DatabaseTest);

}
}
