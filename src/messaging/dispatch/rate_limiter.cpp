#include "messaging/dispatch/rate_limiter.hpp"

#include <algorithm>

namespace mmsgate {

RateLimiter::RateLimiter(int requests_per_window, std::chrono::milliseconds window, int max_in_flight)
    : m_requests_per_window(requests_per_window)
    , m_window(window)
    , m_max_in_flight(max_in_flight)
{
}

RateLimiter::Waiter::Waiter(net::any_io_executor const& executor)
    : timer(executor, TimePoint::max())
{
}

int RateLimiter::requests_limit() const
{
    return std::max(1, m_requests_per_window / m_share_of);
}

int RateLimiter::in_flight_limit() const
{
    return std::max(1, m_max_in_flight / m_share_of);
}

bool RateLimiter::has_room(TimePoint now)
{
    while (!m_starts.empty() && m_starts.front() + m_window <= now)
        m_starts.pop_front();
    return now >= m_not_before && int(m_starts.size()) < requests_limit() && m_in_flight < in_flight_limit();
}

void RateLimiter::start(TimePoint now)
{
    ++m_in_flight;
    m_starts.push_back(now);
}

void RateLimiter::grant_waiters(TimePoint now)
{
    while (!m_waiters.empty() && has_room(now)) {
        auto waiter = std::move(m_waiters.front());
        m_waiters.pop_front();
        start(now);
        waiter->granted = true;
        waiter->timer.cancel();
    }
}

void RateLimiter::arm_head_waiter()
{
    if (m_waiters.empty())
        return;
    // A full window frees a slot at its edge; a full in-flight count only when release() runs.
    // (With a smaller share the window may hold more starts than the limit: each edge frees one.)
    bool window_full = int(m_starts.size()) >= requests_limit();
    auto wake_at = window_full ? m_starts.front() + m_window : TimePoint::max();
    if (m_not_before > std::chrono::steady_clock::now())
        wake_at = window_full ? std::max(wake_at, m_not_before) : m_not_before;
    auto& timer = m_waiters.front()->timer;
    if (timer.expiry() != wake_at)
        timer.expires_at(wake_at);
}

Awaitable<void> RateLimiter::wait(std::shared_ptr<Waiter> const& waiter)
{
    // The wait begins under the lock, so a grant can never slip in between "not granted yet" and
    // the start of the wait (the io_context runs on several threads).
    auto initiate = [this, &waiter](auto handler) {
        std::lock_guard lock(m_mutex);
        if (waiter->granted) {
            auto executor = net::get_associated_executor(handler, waiter->timer.get_executor());
            net::post(executor, [handler = std::move(handler)]() mutable { std::move(handler)(boost::system::error_code {}); });
            return;
        }
        waiter->timer.async_wait(std::move(handler));
    };
    // A cancelled wait is a wake-up like an expired one.
    boost::system::error_code ignored;
    auto token = net::redirect_error(net::use_awaitable, ignored);
    co_await net::async_initiate<decltype(token), void(boost::system::error_code)>(initiate, token);
}

Awaitable<void> RateLimiter::acquire()
{
    auto executor = co_await net::this_coro::executor;
    std::shared_ptr<Waiter> waiter;
    {
        std::lock_guard lock(m_mutex);
        auto now = std::chrono::steady_clock::now();
        if (m_waiters.empty() && has_room(now)) {
            start(now);
            co_return;
        }
        waiter = std::make_shared<Waiter>(executor);
        m_waiters.push_back(waiter);
        arm_head_waiter();
    }
    for (;;) {
        co_await wait(waiter);
        std::lock_guard lock(m_mutex);
        if (waiter->granted)
            co_return;
        // The head's timer reached the window's edge (or was re-armed): hand out what is free.
        grant_waiters(std::chrono::steady_clock::now());
        if (waiter->granted)
            co_return;
        arm_head_waiter();
    }
}

void RateLimiter::release()
{
    std::lock_guard lock(m_mutex);
    --m_in_flight;
    grant_waiters(std::chrono::steady_clock::now());
    arm_head_waiter();
}

void RateLimiter::share_among(int instances, TimePoint not_before)
{
    std::lock_guard lock(m_mutex);
    m_share_of = std::max(1, instances);
    m_not_before = std::max(m_not_before, not_before);
    grant_waiters(std::chrono::steady_clock::now());
    arm_head_waiter();
}

int RateLimiter::in_flight() const
{
    std::lock_guard lock(m_mutex);
    return m_in_flight;
}

std::chrono::milliseconds RateLimiter::estimated_wait() const
{
    std::lock_guard lock(m_mutex);
    if (m_waiters.empty())
        return std::chrono::milliseconds(0);
    auto per_window = std::size_t(requests_limit());
    return m_window * std::int64_t((m_waiters.size() + per_window) / per_window);
}

int RateLimiter::waiting() const
{
    std::lock_guard lock(m_mutex);
    return int(m_waiters.size());
}

}
