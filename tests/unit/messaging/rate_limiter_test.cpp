// RateLimiter on a real io_context: the window, the in-flight bound, arrival order, and no lost
// wake-up when many waiters are parked on several threads.
#include "messaging/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace mmsgate {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

void run_on_threads(net::io_context& io, int thread_count)
{
    std::vector<std::thread> threads;
    for (int i = 1; i < thread_count; ++i)
        threads.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& thread : threads)
        thread.join();
}

TEST(RateLimiter, WindowLimitsStartsAndKeepsArrivalOrder)
{
    net::io_context io;
    RateLimiter limiter(3, 300ms, 100);
    std::mutex mutex;
    std::vector<std::pair<int, Clock::duration>> started;
    auto begin = Clock::now();
    for (int i = 0; i < 6; ++i) {
        net::co_spawn(io, [&, i]() -> Awaitable<void> {
            co_await limiter.acquire();
            RateLimitPermit permit(limiter);
            std::lock_guard lock(mutex);
            started.emplace_back(i, Clock::now() - begin);
        }, net::detached);
    }
    run_on_threads(io, 1);
    ASSERT_EQ(started.size(), 6u);
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(started[std::size_t(i)].first, i);
    EXPECT_LT(started[2].second, 150ms);
    EXPECT_GE(started[3].second, 290ms);
}

TEST(RateLimiter, InFlightBoundWaitsForRelease)
{
    net::io_context io;
    RateLimiter limiter(100, 1s, 2);
    std::atomic<int> running { 0 };
    std::atomic<int> most { 0 };
    std::atomic<int> done { 0 };
    for (int i = 0; i < 10; ++i) {
        net::co_spawn(io, [&]() -> Awaitable<void> {
            co_await limiter.acquire();
            RateLimitPermit permit(limiter);
            auto now_running = ++running;
            int seen = most.load();
            while (now_running > seen && !most.compare_exchange_weak(seen, now_running)) { }
            net::steady_timer hold(co_await net::this_coro::executor, 10ms);
            co_await hold.async_wait(net::use_awaitable);
            --running;
            ++done;
        }, net::detached);
    }
    run_on_threads(io, 1);
    EXPECT_EQ(done.load(), 10);
    EXPECT_EQ(most.load(), 2);
    EXPECT_EQ(limiter.in_flight(), 0);
}

TEST(RateLimiter, ManyWaitersOnSeveralThreadsAllGetThrough)
{
    net::io_context io;
    RateLimiter limiter(1000000, 1s, 4);
    std::atomic<int> running { 0 };
    std::atomic<int> most { 0 };
    std::atomic<int> done { 0 };
    constexpr int kWaiters = 5000;
    for (int i = 0; i < kWaiters; ++i) {
        net::co_spawn(io, [&]() -> Awaitable<void> {
            co_await limiter.acquire();
            RateLimitPermit permit(limiter);
            auto now_running = ++running;
            int seen = most.load();
            while (now_running > seen && !most.compare_exchange_weak(seen, now_running)) { }
            co_await net::post(co_await net::this_coro::executor, net::use_awaitable);
            --running;
            ++done;
        }, net::detached);
    }
    // io.run() returns only when every waiter got its slot: a lost wake-up hangs here (ctest timeout).
    run_on_threads(io, 4);
    EXPECT_EQ(done.load(), kWaiters);
    EXPECT_LE(most.load(), 4);
    EXPECT_EQ(limiter.waiting(), 0);
}

}
}
