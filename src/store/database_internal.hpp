#pragma once
// Pieces the SQLite and PostgreSQL databases share. Internal to src/store.
#include "store/database.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mmsgate::detail {

struct DatabaseTask {
    Database::Job job;
    Database::Completion completion;
};

struct JobOutcome {
    bool succeeded = false;
    // Only set when the job threw: its own Result travels through the job's captured state.
    std::optional<Error> error;
};

// Runs a job. An exception escaping it is a bug in the job, reported as the job's Internal error.
[[nodiscard]] JobOutcome run_job(Database::Job& job, SqlConnection& connection);

void complete(DatabaseTask& task, std::optional<Error> error);
void fail_all(std::vector<DatabaseTask>& tasks, Error const& error);
[[nodiscard]] Error database_closed_error();

// A read job inside a transaction opened with `begin_sql`, so that its statements see one snapshot;
// the transaction is rolled back afterwards (a read has nothing to keep).
void run_read(SqlConnection& connection, DatabaseTask& task, std::string_view begin_sql);

// What both backends share: the database's own threads, which close() stops once and waits for.
// A backend starts its threads at the end of its constructor and calls close() in its destructor
// (stop() must still reach it).
class ThreadedDatabase : public Database {
public:
    ThreadedDatabase() = default;
    ThreadedDatabase(ThreadedDatabase const&) = delete;
    ThreadedDatabase& operator=(ThreadedDatabase const&) = delete;

    void close() final;

protected:
    template <class Loop>
    void start_thread(Loop loop)
    {
        m_threads.emplace_back(std::move(loop));
    }

private:
    // Tells the threads to finish the queued work and end; called once, under close()'s lock.
    virtual void stop() = 0;

    std::mutex m_close_mutex;
    std::vector<std::thread> m_threads;
};

// A first-in first-out queue of tasks, closed once when the database closes.
class TaskQueue {
public:
    // After close() the task completes at once with database_closed_error().
    void push(DatabaseTask task);
    // Puts tasks that were taken but never ran back at the head, in their order.
    void push_front(std::vector<DatabaseTask> tasks);
    // Waits for work and takes up to `limit` tasks; empty once the queue is closed and drained.
    [[nodiscard]] std::vector<DatabaseTask> pop(std::size_t limit);
    void close();

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<DatabaseTask> m_tasks;
    bool m_closed = false;
};

}
