#include "auth/password_work.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <thread>

namespace mmsgate {

namespace {

// How much bcrypt work may wait per pool thread before a login is refused as busy: a real login in
// a storm then waits about this long at most. In jobs: this over the average time a job takes (at
// cost 12, about 0.25 s: 4 jobs; at the tests' cost 4: hundreds).
std::atomic<std::int64_t> g_queued_microseconds_per_thread { 1'000'000 };
constexpr std::int64_t kMinJobsPerThread = 2;
constexpr std::int64_t kMaxJobsPerThread = 256;

unsigned pool_threads()
{
    // One core stays free for the I/O threads even while logins saturate the pool.
    static unsigned const threads = std::max(1u, std::thread::hardware_concurrency() - 1);
    return threads;
}

net::thread_pool& password_pool()
{
    static net::thread_pool pool(pool_threads());
    return pool;
}

std::atomic<int> g_jobs { 0 };
// Average job duration (exponential moving average; a lost update in a race does not matter).
std::atomic<std::int64_t> g_average_job_microseconds { 250'000 };

void record_job_duration(std::chrono::steady_clock::duration duration)
{
    auto sample = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
    auto average = g_average_job_microseconds.load();
    g_average_job_microseconds.store(std::max<std::int64_t>(1, (average * 7 + sample) / 8));
}

int queue_limit()
{
    auto per_thread = std::clamp<std::int64_t>(g_queued_microseconds_per_thread.load() / g_average_job_microseconds.load(),
        kMinJobsPerThread, kMaxJobsPerThread);
    return int(per_thread * pool_threads());
}

// Runs `function` (returning Result<T>) on the pool; the job was already counted in g_jobs. Whatever
// happens, the job is uncounted and the caller resumed: an exception becomes an Internal error.
template <class T, class Function>
Awaitable<Result<T>> run_on_password_pool(Function function)
{
    auto executor = co_await net::this_coro::executor;
    // Named, not written inside the co_await: g++ 12 copies such closures bitwise (see database.hpp).
    auto initiate = [function = std::move(function), executor](auto handler) mutable {
        net::post(password_pool(), [function = std::move(function), handler = std::move(handler), executor]() mutable {
            auto started = std::chrono::steady_clock::now();
            Result<T> value = fail(ErrorCode::Internal, "cannot check the password");
            try {
                value = function();
            } catch (std::exception const& error) {
                value = fail(ErrorCode::Internal, "cannot check the password", error.what());
            }
            record_job_duration(std::chrono::steady_clock::now() - started);
            --g_jobs;
            net::post(executor, [handler = std::move(handler), value = std::move(value)]() mutable {
                std::move(handler)(std::move(value));
            });
        });
    };
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(Result<T>)>(std::move(initiate), net::use_awaitable);
}

}

void set_password_queue_budget(std::chrono::milliseconds queued_work_per_thread)
{
    g_queued_microseconds_per_thread = std::chrono::duration_cast<std::chrono::microseconds>(queued_work_per_thread).count();
}

Awaitable<Result<PasswordCheck>> check_password_off_thread(
    std::string password, std::optional<std::string> hash, int cost, int slowest_stored_cost)
{
    if (++g_jobs > queue_limit()) {
        --g_jobs;
        co_return fail(ErrorCode::ResourceExhausted, "The server is busy signing people in");
    }
    auto work = [password = std::move(password), hash = std::move(hash), cost, slowest_stored_cost]() -> Result<PasswordCheck> {
        return check_password(password, hash ? std::optional<std::string_view>(*hash) : std::nullopt, cost, slowest_stored_cost);
    };
    co_return co_await run_on_password_pool<PasswordCheck>(std::move(work));
}

Awaitable<Result<std::string>> hash_password_off_thread(std::string password, int cost)
{
    ++g_jobs;
    auto work = [password = std::move(password), cost] { return hash_password(password, cost); };
    co_return co_await run_on_password_pool<std::string>(std::move(work));
}

Awaitable<Result<void>> run_password_work(std::function<void()> work)
{
    ++g_jobs;
    auto job = [work = std::move(work)]() -> Result<void> {
        work();
        return {};
    };
    co_return co_await run_on_password_pool<void>(std::move(job));
}

}
