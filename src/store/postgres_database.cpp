// PostgreSQL behind Database: a pool of connections, one thread each, taking jobs from one queue;
// every write in its own transaction. A broken connection is replaced in the background with
// backoff; while no connection works, jobs fail at once with Unavailable instead of waiting.
#include "store/database_backends.hpp"
#include "store/database_internal.hpp"
#include "store/migrations.hpp"
#include "store/postgres_connection.hpp"

#include <spdlog/spdlog.h>
#include <thread>

namespace mmsgate {

namespace {

using detail::DatabaseTask;
using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kConnectTimeout { 5000 };
constexpr std::chrono::milliseconds kFirstBackoff { 100 };
constexpr std::chrono::milliseconds kMaxBackoff { 5000 };

struct PoolTask {
    DatabaseTask task;
    bool is_write = false;
};

void roll_back(PostgresConnection& connection)
{
    if (!connection.healthy() || !connection.in_transaction())
        return;
    if (auto rolled_back = connection.execute("ROLLBACK"); !rolled_back)
        spdlog::warn("database: ROLLBACK failed: {}", rolled_back.error().detail);
}

void run_write(PostgresConnection& connection, DatabaseTask& task)
{
    if (auto begun = connection.execute("BEGIN"); !begun) {
        detail::complete(task, std::move(begun.error()));
        return;
    }
    auto outcome = detail::run_job(task.job, connection);
    if (!outcome.succeeded) {
        roll_back(connection);
        detail::complete(task, std::move(outcome.error));
        return;
    }
    if (!connection.healthy()) {
        detail::complete(task,
            Error { ErrorCode::Unavailable, "the database is unavailable", "the connection broke during the write job" });
        return;
    }
    // PostgreSQL answers COMMIT of a transaction with a failed statement by rolling back without
    // an error, so a job that ignored an error must not be reported as committed.
    if (connection.transaction_failed() || !connection.in_transaction()) {
        bool failed_statement = connection.transaction_failed();
        roll_back(connection);
        detail::complete(task,
            Error { ErrorCode::Internal, "database error",
                failed_statement ? "a statement of the write failed but its job reported success; rolled back"
                                 : "the write job ended its own transaction" });
        return;
    }
    if (auto committed = connection.execute("COMMIT"); !committed) {
        roll_back(connection);
        auto error = std::move(committed.error());
        if (!connection.healthy())
            error.detail += " (the connection broke during COMMIT: whether it committed is unknown)";
        detail::complete(task, std::move(error));
        return;
    }
    detail::complete(task, std::nullopt);
}

class PostgresDatabase final : public detail::ThreadedDatabase {
public:
    PostgresDatabase(PostgresOptions options, std::vector<std::unique_ptr<PostgresConnection>> connections)
        : m_options(std::move(options))
    {
        for (auto const& connection : connections)
            m_connected += connection ? 1 : 0;
        for (auto& connection : connections)
            start_thread([this, connection = std::move(connection)]() mutable { worker_loop(std::move(connection)); });
    }

    ~PostgresDatabase() override { close(); }

    Dialect dialect() const override { return Dialect::Postgres; }
    void submit_write(Job job, Completion completion) override { push({ { std::move(job), std::move(completion) }, true }); }
    void submit_read(Job job, Completion completion) override { push({ { std::move(job), std::move(completion) }, false }); }

private:
    void stop() override
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_work_ready.notify_all();
        m_broken_wakeup.notify_all();
    }

    void push(PoolTask task)
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_stopping) {
                m_tasks.push_back(std::move(task));
                m_work_ready.notify_one();
                if (m_connected == 0)
                    m_broken_wakeup.notify_all();
                return;
            }
        }
        detail::complete(task.task, detail::database_closed_error());
    }

    // Called with m_mutex held when a worker loses its connection.
    void lost_connection_locked()
    {
        if (--m_connected == 0)
            m_broken_wakeup.notify_all();
    }

    Error no_connection_error_locked() const
    {
        return Error { ErrorCode::Unavailable, "the database is unavailable",
            "no PostgreSQL connection (reconnecting): " + m_last_connect_error };
    }

    void worker_loop(std::unique_ptr<PostgresConnection> connection)
    {
        auto backoff = kFirstBackoff;
        auto next_attempt = Clock::now();
        while (true) {
            if (connection) {
                std::optional<PoolTask> task;
                {
                    std::unique_lock lock(m_mutex);
                    m_work_ready.wait(lock, [&] { return m_stopping || !m_tasks.empty(); });
                    if (m_tasks.empty()) {
                        lost_connection_locked();
                        return;
                    }
                    task.emplace(std::move(m_tasks.front()));
                    m_tasks.pop_front();
                }
                // A connection the server closed while it sat idle (a restart, a terminated backend)
                // costs the task nothing: it has not run, so it goes back for another connection.
                bool alive = connection->check_alive();
                if (alive) {
                    if (task->is_write)
                        run_write(*connection, task->task);
                    else
                        detail::run_read(*connection, task->task, "BEGIN READ ONLY");
                }
                if (!alive || !connection->healthy()) {
                    connection.reset();
                    std::lock_guard lock(m_mutex);
                    if (!alive) {
                        m_tasks.push_front(std::move(*task));
                        m_work_ready.notify_one();
                    }
                    lost_connection_locked();
                    backoff = kFirstBackoff;
                    next_attempt = Clock::now();
                    spdlog::warn("database: a PostgreSQL connection broke; reconnecting");
                }
                continue;
            }

            std::unique_lock lock(m_mutex);
            if (m_stopping) {
                // Drain: connected workers finish the queue; when none is left, fail what remains.
                if (m_tasks.empty())
                    return;
                if (m_connected == 0) {
                    fail_front_locked(lock);
                    continue;
                }
                m_broken_wakeup.wait(lock, [&] { return m_tasks.empty() || m_connected == 0; });
                continue;
            }
            auto now = Clock::now();
            if (now >= next_attempt) {
                lock.unlock();
                auto opened = PostgresConnection::open(m_options);
                lock.lock();
                if (opened) {
                    connection = std::move(*opened);
                    ++m_connected;
                    m_work_ready.notify_all();
                    if (backoff > kFirstBackoff)
                        spdlog::info("database: reconnected to PostgreSQL");
                    backoff = kFirstBackoff;
                } else {
                    if (backoff == kFirstBackoff)
                        spdlog::warn("database: cannot reconnect to PostgreSQL: {}", opened.error().detail);
                    m_last_connect_error = opened.error().detail;
                    next_attempt = Clock::now() + backoff;
                    backoff = std::min(backoff * 2, kMaxBackoff);
                }
                continue;
            }
            if (!m_tasks.empty() && m_connected == 0) {
                fail_front_locked(lock);
                continue;
            }
            m_broken_wakeup.wait_until(lock, next_attempt, [&] { return m_stopping || (!m_tasks.empty() && m_connected == 0); });
        }
    }

    // Fails the oldest task with Unavailable; unlocks while its completion runs.
    void fail_front_locked(std::unique_lock<std::mutex>& lock)
    {
        auto task = std::move(m_tasks.front());
        m_tasks.pop_front();
        auto error = no_connection_error_locked();
        lock.unlock();
        detail::complete(task.task, std::move(error));
        lock.lock();
    }

    PostgresOptions m_options;
    std::mutex m_mutex;
    // Connected workers wait for tasks; broken ones for their next attempt, or for tasks to fail
    // while no connection works.
    std::condition_variable m_work_ready;
    std::condition_variable m_broken_wakeup;
    std::deque<PoolTask> m_tasks;
    int m_connected = 0;
    bool m_stopping = false;
    std::string m_last_connect_error;
};

}

Result<std::unique_ptr<Database>> open_postgres_database(DatabaseSettings const& settings)
{
    PostgresOptions options { settings.url, settings.statement_timeout, kConnectTimeout };
    auto first = PostgresConnection::open(options);
    if (!first)
        return std::unexpected(std::move(first.error()));
    if (auto applied = apply_migrations(**first); !applied)
        return std::unexpected(std::move(applied.error()));

    std::vector<std::unique_ptr<PostgresConnection>> connections;
    connections.push_back(std::move(*first));
    for (int i = 1; i < std::max(1, settings.pool_size); ++i) {
        auto opened = PostgresConnection::open(options);
        if (!opened)
            spdlog::warn("database: PostgreSQL connection {} of the pool failed, retrying in the background: {}", i + 1,
                opened.error().detail);
        connections.push_back(opened ? std::move(*opened) : nullptr);
    }
    return std::unique_ptr<Database>(std::make_unique<PostgresDatabase>(std::move(options), std::move(connections)));
}

}
