#include "store/database_internal.hpp"

#include <exception>
#include <memory>
#include <spdlog/spdlog.h>

namespace mmsgate::detail {

JobOutcome run_job(Database::Job& job, SqlConnection& connection)
{
    try {
        return JobOutcome { job(connection), std::nullopt };
    } catch (std::exception const& exception) {
        return JobOutcome { false, Error { ErrorCode::Internal, "database error",
                                       std::string("a database job threw: ") + exception.what() } };
    }
}

void complete(DatabaseTask& task, std::optional<Error> error)
{
    if (task.completion)
        task.completion(std::move(error));
}

void fail_all(std::vector<DatabaseTask>& tasks, Error const& error)
{
    for (auto& task : tasks)
        complete(task, error);
}

Error database_closed_error()
{
    return Error { ErrorCode::Unavailable, "the database is unavailable", "the database is closed" };
}

void run_read(SqlConnection& connection, DatabaseTask& task, std::string_view begin_sql)
{
    if (auto begun = connection.execute(begin_sql); !begun) {
        complete(task, std::move(begun.error()));
        return;
    }
    auto outcome = run_job(task.job, connection);
    if (connection.in_transaction()) {
        if (auto ended = connection.execute("ROLLBACK"); !ended)
            spdlog::warn("database: ending a read transaction failed: {}", ended.error().detail);
    }
    complete(task, std::move(outcome.error));
}

void ThreadedDatabase::close()
{
    std::lock_guard lock(m_close_mutex);
    stop();
    for (auto& thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

void TaskQueue::push(DatabaseTask task)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_closed) {
            m_tasks.push_back(std::move(task));
            m_ready.notify_one();
            return;
        }
    }
    complete(task, database_closed_error());
}

void TaskQueue::push_front(std::vector<DatabaseTask> tasks)
{
    std::lock_guard lock(m_mutex);
    for (auto it = tasks.rbegin(); it != tasks.rend(); ++it)
        m_tasks.push_front(std::move(*it));
    m_ready.notify_all();
}

std::vector<DatabaseTask> TaskQueue::pop(std::size_t limit)
{
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return m_closed || !m_tasks.empty(); });
    std::vector<DatabaseTask> taken;
    std::size_t count = std::min(limit, m_tasks.size());
    taken.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        taken.push_back(std::move(m_tasks.front()));
        m_tasks.pop_front();
    }
    return taken;
}

void TaskQueue::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_ready.notify_all();
}

}
