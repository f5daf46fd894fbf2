// SQLite behind Database: one writer thread that group-commits, and reader threads beside it
// (WAL lets readers see the last commit while the writer works).
#include "store/database_backends.hpp"
#include "store/database_internal.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_connection.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <system_error>
#include <thread>

namespace mmsgate {

namespace {

using detail::DatabaseTask;

// A bound on one group: it keeps the transaction, and the wait of the first job in it, short.
constexpr std::size_t kMaxGroupSize = 4096;
// Read connections used on callers' threads (one per I/O thread is the usual need).
constexpr int kMaxCallerReaders = 16;

class SqliteDatabase final : public detail::ThreadedDatabase {
public:
    SqliteDatabase(std::unique_ptr<SqliteConnection> writer, std::vector<std::unique_ptr<SqliteConnection>> readers,
        SqliteOptions reader_options)
        : m_reader_options(std::move(reader_options))
    {
        start_thread([this, connection = std::move(writer)] { write_loop(*connection); });
        for (auto& reader : readers)
            start_thread([this, connection = std::move(reader)] { read_loop(*connection); });
    }

    ~SqliteDatabase() override { close(); }

    Dialect dialect() const override { return Dialect::Sqlite; }
    void submit_write(Job job, Completion completion) override { m_writes.push({ std::move(job), std::move(completion) }); }
    void submit_read(Job job, Completion completion) override { m_reads.push({ std::move(job), std::move(completion) }); }
    bool read_here(Job& job, std::optional<Error>& error) override
    {
        auto connection = take_caller_reader();
        if (!connection)
            return false;
        DatabaseTask task { std::move(job), [&error](std::optional<Error> outcome) { error = std::move(outcome); } };
        detail::run_read(*connection, task, "BEGIN");
        give_back_caller_reader(std::move(connection));
        return true;
    }

private:
    // A read connection for the calling thread: an idle one, else a new one up to the bound; null
    // when the database is closed or every allowed connection is busy (the read then hops).
    std::unique_ptr<SqliteConnection> take_caller_reader()
    {
        {
            std::lock_guard lock(m_caller_readers_mutex);
            if (m_closed)
                return nullptr;
            if (!m_idle_caller_readers.empty()) {
                auto connection = std::move(m_idle_caller_readers.back());
                m_idle_caller_readers.pop_back();
                return connection;
            }
            if (m_caller_readers_open >= kMaxCallerReaders)
                return nullptr;
            ++m_caller_readers_open;
        }
        auto opened = SqliteConnection::open(m_reader_options);
        if (opened)
            return std::move(*opened);
        spdlog::warn("database: cannot open a read connection: {}", opened.error().detail);
        std::lock_guard lock(m_caller_readers_mutex);
        --m_caller_readers_open;
        return nullptr;
    }

    void give_back_caller_reader(std::unique_ptr<SqliteConnection> connection)
    {
        std::lock_guard lock(m_caller_readers_mutex);
        m_idle_caller_readers.push_back(std::move(connection));
    }

    void write_loop(SqliteConnection& connection)
    {
        while (true) {
            auto group = m_writes.pop(kMaxGroupSize);
            if (group.empty())
                return;
            commit_group(connection, group);
        }
    }

    void read_loop(SqliteConnection& connection)
    {
        while (true) {
            auto tasks = m_reads.pop(1);
            if (tasks.empty())
                return;
            detail::run_read(connection, tasks.front(), "BEGIN");
        }
    }

    // Every job of the group in one transaction, each in its own savepoint, and one fsync for all.
    // Completions run only once COMMIT has returned, so a job reported done is on disk.
    void commit_group(SqliteConnection& connection, std::vector<DatabaseTask>& group)
    {
        if (auto begun = connection.execute("BEGIN IMMEDIATE"); !begun) {
            detail::fail_all(group, begun.error());
            return;
        }
        std::vector<std::optional<Error>> job_errors(group.size());
        for (std::size_t index = 0; index < group.size(); ++index) {
            auto ran = run_in_savepoint(connection, group[index].job);
            if (!ran) {
                // The transaction is gone with the work of every job so far; the jobs after this one
                // never ran and go back to the head of the queue for the next group.
                abandon_transaction(connection);
                std::vector<DatabaseTask> not_run(std::make_move_iterator(group.begin() + std::ptrdiff_t(index) + 1),
                    std::make_move_iterator(group.end()));
                group.resize(index + 1);
                m_writes.push_front(std::move(not_run));
                spdlog::warn("database: a write group of {} jobs was rolled back: {}", group.size(), ran.error().detail);
                detail::fail_all(group, ran.error());
                return;
            }
            job_errors[index] = std::move(*ran);
        }
        if (auto committed = connection.execute("COMMIT"); !committed) {
            abandon_transaction(connection);
            spdlog::warn("database: COMMIT of {} jobs failed: {}", group.size(), committed.error().detail);
            detail::fail_all(group, committed.error());
            return;
        }
        for (std::size_t index = 0; index < group.size(); ++index)
            detail::complete(group[index], std::move(job_errors[index]));
    }

    // The job's own outcome (an error only when it threw), or an error when the group's
    // transaction could not go on.
    static Result<std::optional<Error>> run_in_savepoint(SqliteConnection& connection, Job& job)
    {
        if (auto saved = connection.execute("SAVEPOINT mmsgate_job"); !saved)
            return std::unexpected(std::move(saved.error()));
        auto outcome = detail::run_job(job, connection);
        // SQLite rolls the whole transaction back by itself after some errors (a full disk, an I/O
        // error); a job that ended the transaction itself is a bug with the same effect.
        if (!connection.in_transaction())
            return fail(ErrorCode::Unavailable, "the database is unavailable",
                "the write transaction ended inside a job (SQLite rolled it back, or the job ended it)");
        if (!outcome.succeeded) {
            if (auto undone = connection.execute("ROLLBACK TO mmsgate_job"); !undone)
                return std::unexpected(std::move(undone.error()));
        }
        if (auto released = connection.execute("RELEASE mmsgate_job"); !released)
            return std::unexpected(std::move(released.error()));
        return std::move(outcome.error);
    }

    static void abandon_transaction(SqliteConnection& connection)
    {
        if (!connection.in_transaction())
            return;
        if (auto rolled_back = connection.execute("ROLLBACK"); !rolled_back)
            spdlog::error("database: ROLLBACK failed: {}", rolled_back.error().detail);
    }

    void stop() override
    {
        {
            std::lock_guard readers_lock(m_caller_readers_mutex);
            m_closed = true;
        }
        m_writes.close();
        m_reads.close();
    }

    SqliteOptions m_reader_options;
    std::mutex m_caller_readers_mutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_idle_caller_readers;
    int m_caller_readers_open = 0;
    bool m_closed = false;
    detail::TaskQueue m_writes;
    detail::TaskQueue m_reads;
};

}

Result<void> ensure_parent_directory(std::filesystem::path const& path)
{
    if (!path.has_parent_path())
        return {};
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error)
        return fail(ErrorCode::Unavailable, "the database is unavailable",
            fmt::format("cannot create the directory {}: {}", path.parent_path().string(), error.message()));
    return {};
}

Result<std::unique_ptr<Database>> open_sqlite_database(std::filesystem::path const& path, DatabaseSettings const& settings)
{
    if (auto created = ensure_parent_directory(path); !created)
        return std::unexpected(std::move(created.error()));
    SqliteOptions options { .path = path.string(), .busy_timeout = settings.busy_timeout,
        .statement_timeout = settings.statement_timeout };
    auto writer = SqliteConnection::open(options);
    if (!writer)
        return std::unexpected(std::move(writer.error()));
    if (auto applied = apply_migrations(**writer); !applied)
        return std::unexpected(std::move(applied.error()));

    options.read_only = true;
    std::vector<std::unique_ptr<SqliteConnection>> readers;
    for (int i = 0; i < std::max(1, settings.pool_size); ++i) {
        auto reader = SqliteConnection::open(options);
        if (!reader)
            return std::unexpected(std::move(reader.error()));
        readers.push_back(std::move(*reader));
    }
    return std::unique_ptr<Database>(std::make_unique<SqliteDatabase>(std::move(*writer), std::move(readers), options));
}

}
