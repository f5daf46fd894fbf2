#pragma once
// The database as the rest of mmsgate sees it: work runs on the database's own threads, never on an
// I/O thread, inside a transaction, and the awaiting coroutine resumes on its own executor.
//
// Writes are group-committed: the SQLite backend runs every write that is waiting in one transaction
// (each in its own SAVEPOINT, so one failing write rolls back only itself) and reports success only
// after COMMIT returned. A write is therefore durable when its awaiter resumes with a value.
// PostgreSQL runs each write in its own transaction on a pool of connections.
//
// A job must not begin, commit or roll back the transaction it runs in (savepoints are fine), and
// must not keep the connection. Never call close() or a *_blocking function from inside a job or a
// completion: they run on the database's own threads. A pending awaitable job keeps its io_context
// from running out of work; close the database before destroying an io_context that awaits it.
#include "core/asio.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace mmsgate {

struct DatabaseSettings {
    std::string url; // "postgresql://…" / "postgres://…" or a SQLite file path
    int pool_size = 8; // PostgreSQL connections; SQLite uses one writer and this many readers
    // SQLite: how long a write waits for another process's lock. PostgreSQL: unused.
    std::chrono::milliseconds busy_timeout { 5000 };
    // Longer statements are cancelled (DeadlineExceeded).
    std::chrono::milliseconds statement_timeout { 10000 };
};

class Database {
public:
    // One unit of work. It runs inside a transaction (writes) or on a read connection (reads) and
    // must not keep the connection reference. It returns false when its own work failed: a write's
    // SAVEPOINT is then rolled back while the rest of the group still commits.
    using Job = std::move_only_function<bool(SqlConnection&)>;
    // Called exactly once, on a database thread: with no error when the job ran and its transaction
    // settled (committed when the job returned true, its own work undone when it returned false; for
    // a read, when it ran), otherwise with the error that undid it or kept it from running
    // (Unavailable once the database is closed or unreachable).
    using Completion = std::move_only_function<void(std::optional<Error>)>;

    virtual ~Database() = default;

    // Opens (creating an SQLite file and its directory if needed) and applies pending migrations.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(DatabaseSettings const& settings);
    // One bare connection to the same database, without migrations or threads (`mmsgate migrate`
    // passes it to apply_migrations).
    [[nodiscard]] static Result<std::unique_ptr<SqlConnection>> connect(DatabaseSettings const& settings);

    [[nodiscard]] virtual Dialect dialect() const = 0;
    virtual void submit_write(Job job, Completion completion) = 0;
    virtual void submit_read(Job job, Completion completion) = 0;
    // Runs a read job on the calling thread and returns true, or returns false (the job untouched)
    // when this backend cannot do that without blocking the caller on the network.
    [[nodiscard]] virtual bool read_here(Job& job, std::optional<Error>& error);
    // Finishes queued work, then closes every connection. Idempotent; the destructor calls it.
    virtual void close() = 0;

    // Awaitable forms: `auto user = co_await database.write<User>([&](SqlConnection& c) { … });`
    // The function returns Result<T>; an error it returns rolls back its own work only.
    // Capture by reference: the awaiting frame outlives the job. The function must be trivially
    // copyable because g++ 12 miscompiles a lambda that captures a std::string (or any class) by
    // value when it is written inside a co_await expression: the closure is copied bitwise and the
    // capture is freed twice (seen with ASan; also equeim/tremotesf2#551).
    template <class T, class Function>
    Awaitable<Result<T>> write(Function function)
    {
        static_assert(std::is_trivially_copyable_v<Function>, "capture by reference, see the comment above");
        return run<T>(std::move(function), true);
    }
    template <class T, class Function>
    Awaitable<Result<T>> read(Function function)
    {
        static_assert(std::is_trivially_copyable_v<Function>, "capture by reference, see the comment above");
        return run<T>(std::move(function), false);
    }
    // For point lookups that take microseconds (the session check on every request): SQLite runs
    // them on the calling thread, which saves two thread hops (WAL readers never wait for the
    // writer); PostgreSQL runs them like read().
    template <class T, class Function>
    Awaitable<Result<T>> quick_read(Function function)
    {
        static_assert(std::is_trivially_copyable_v<Function>, "capture by reference, see the comment above");
        return run_quick<T>(std::move(function));
    }

    // Blocking forms for the CLI and tests (never call them on an I/O thread).
    template <class T, class Function>
    Result<T> write_blocking(Function function) { return run_blocking<T>(std::move(function), true); }
    template <class T, class Function>
    Result<T> read_blocking(Function function) { return run_blocking<T>(std::move(function), false); }

private:
    template <class T, class Function>
    Awaitable<Result<T>> run(Function function, bool is_write);
    template <class T, class Function>
    Result<T> run_blocking(Function function, bool is_write);
    template <class T, class Function>
    Awaitable<Result<T>> run_quick(Function function);
};

}

#include "store/database_impl.hpp"
