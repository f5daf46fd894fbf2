#pragma once
// Keeps mmsgate inside Plivo's API limits so it never provokes a 429 itself: at most N requests
// started per sliding window and at most M in flight (Plivo: 300 per 5 s, 100 concurrent).
#include "core/asio.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>

namespace mmsgate {

class RateLimiter {
public:
    RateLimiter(int requests_per_window, std::chrono::milliseconds window, int max_in_flight);

    // Waits for a slot; every acquire() must be matched by one release().
    [[nodiscard]] Awaitable<void> acquire();
    void release();
    [[nodiscard]] int in_flight() const;
    [[nodiscard]] int waiting() const;
    // Roughly how long an acquire() starting now would wait: none while nobody waits, else the
    // windows the waiters ahead of it (and it) need.
    [[nodiscard]] std::chrono::milliseconds estimated_wait() const;

    // The limits are an account's: with `instances` processes drawing on it, this one keeps to its
    // share (at least one request). Nothing starts before `not_before` (the latest one given), so a
    // process that joins others can let them shrink to their new share first.
    void share_among(int instances, std::chrono::steady_clock::time_point not_before = {});

private:
    using TimePoint = std::chrono::steady_clock::time_point;
    // A parked acquire(). Slots are handed to waiters in arrival order: the one that frees a slot
    // grants it (granted = true) and wakes that waiter alone; only the head waiter's timer runs,
    // until the window's next edge. The timer is touched only under m_mutex.
    struct Waiter {
        explicit Waiter(net::any_io_executor const& executor);
        net::steady_timer timer;
        bool granted = false;
    };

    [[nodiscard]] int requests_limit() const;
    [[nodiscard]] int in_flight_limit() const;
    [[nodiscard]] bool has_room(TimePoint now);
    void start(TimePoint now);
    void grant_waiters(TimePoint now);
    void arm_head_waiter();
    [[nodiscard]] Awaitable<void> wait(std::shared_ptr<Waiter> const& waiter);

    int const m_requests_per_window;
    std::chrono::milliseconds const m_window;
    int const m_max_in_flight;
    mutable std::mutex m_mutex;
    std::deque<TimePoint> m_starts;
    int m_in_flight = 0;
    int m_share_of = 1;
    TimePoint m_not_before {};
    std::deque<std::shared_ptr<Waiter>> m_waiters;
};

// Releases the slot when it goes out of scope, also when a coroutine unwinds.
class RateLimitPermit {
public:
    explicit RateLimitPermit(RateLimiter& limiter)
        : m_limiter(&limiter)
    {
    }
    RateLimitPermit(RateLimitPermit const&) = delete;
    RateLimitPermit& operator=(RateLimitPermit const&) = delete;
    ~RateLimitPermit() { m_limiter->release(); }

private:
    RateLimiter* m_limiter;
};

}
