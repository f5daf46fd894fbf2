// RateLimiter on a real io_context: the window, the in-flight bound, arrival order, and no lost
// wake-up when many waiters are parked on several threads.
#include "messaging/dispatch/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace mmsgate {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Raises `most` to `value` if it is higher: the peak of a concurrently changing count.
void record_peak(std::atomic<int>& most, int value)
{
    int seen = most.load();
    while (value > seen && !most.compare_exchange_weak(seen, value)) { }
}

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
            record_peak(most, ++running);
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
            record_peak(most, ++running);
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

TEST(RateLimiter, ShareAmongInstancesSplitsTheWindow)
{
    net::io_context io;
    RateLimiter limiter(6, 300ms, 100);
    limiter.share_among(2);
    std::mutex mutex;
    std::vector<Clock::duration> started;
    auto begin = Clock::now();
    for (int i = 0; i < 4; ++i) {
        net::co_spawn(io, [&]() -> Awaitable<void> {
            co_await limiter.acquire();
            RateLimitPermit permit(limiter);
            std::lock_guard lock(mutex);
            started.push_back(Clock::now() - begin);
        }, net::detached);
    }
    run_on_threads(io, 1);
    ASSERT_EQ(started.size(), 4u);
    EXPECT_LT(started[2], 150ms);
    EXPECT_GE(started[3], 290ms);
}

TEST(RateLimiter, ShareAmongInstancesSplitsTheInFlightBound)
{
    net::io_context io;
    RateLimiter limiter(100, 1s, 4);
    limiter.share_among(2);
    std::atomic<int> running { 0 };
    std::atomic<int> most { 0 };
    for (int i = 0; i < 10; ++i) {
        net::co_spawn(io, [&]() -> Awaitable<void> {
            co_await limiter.acquire();
            RateLimitPermit permit(limiter);
            record_peak(most, ++running);
            net::steady_timer hold(co_await net::this_coro::executor, 5ms);
            co_await hold.async_wait(net::use_awaitable);
            --running;
        }, net::detached);
    }
    run_on_threads(io, 1);
    EXPECT_EQ(most.load(), 2);
}

TEST(RateLimiter, NothingStartsBeforeTheJoinDelayAndAGrownShareWakesWaiters)
{
    net::io_context io;
    RateLimiter limiter(2, 10s, 100);
    auto begin = Clock::now();
    limiter.share_among(2, begin + 200ms);
    std::vector<Clock::duration> started;
    for (int i = 0; i < 2; ++i) {
        net::co_spawn(io, [&]() -> Awaitable<void> {
            co_await limiter.acquire();
            RateLimitPermit permit(limiter);
            started.push_back(Clock::now() - begin);
        }, net::detached);
    }
    // The second waits for the window (10 s) unless the other instance leaves: it does at 400 ms.
    net::steady_timer leave(io, 400ms);
    leave.async_wait([&](boost::system::error_code) { limiter.share_among(1); });
    run_on_threads(io, 1);
    ASSERT_EQ(started.size(), 2u);
    EXPECT_GE(started[0], 190ms);
    EXPECT_LT(started[0], 390ms);
    EXPECT_GE(started[1], 390ms);
    EXPECT_LT(started[1], 5s);
}

}
}
