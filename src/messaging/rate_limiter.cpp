#include "messaging/rate_limiter.hpp"

#include <algorithm>

namespace mmsgate {

RateLimiter::RateLimiter(int requests_per_window, std::chrono::milliseconds window, int max_in_flight)
    : m_requests_per_window(requests_per_window)
    , m_window(window)
    , m_max_in_flight(max_in_flight)
{
}

Awaitable<void> RateLimiter::acquire()
{
    auto executor = co_await net::this_coro::executor;
    for (;;) {
        auto timer = std::make_shared<net::steady_timer>(executor);
        {
            std::lock_guard lock(m_mutex);
            auto now = std::chrono::steady_clock::now();
            while (!m_starts.empty() && m_starts.front() + m_window <= now)
                m_starts.pop_front();
            bool window_has_room = int(m_starts.size()) < m_requests_per_window;
            if (window_has_room && m_in_flight < m_max_in_flight && m_waiters.empty()) {
                ++m_in_flight;
                m_starts.push_back(now);
                co_return;
            }
            // Wake when the oldest start leaves the window, or earlier when a slot is released.
            timer->expires_at(window_has_room ? TimePoint::max() : m_starts.front() + m_window);
            m_waiters.push_back(timer);
        }
        boost::system::error_code ignored;
        co_await timer->async_wait(net::redirect_error(net::use_awaitable, ignored));
        {
            std::lock_guard lock(m_mutex);
            auto it = std::find(m_waiters.begin(), m_waiters.end(), timer);
            if (it != m_waiters.end())
                m_waiters.erase(it);
            auto now = std::chrono::steady_clock::now();
            while (!m_starts.empty() && m_starts.front() + m_window <= now)
                m_starts.pop_front();
            if (int(m_starts.size()) < m_requests_per_window && m_in_flight < m_max_in_flight) {
                ++m_in_flight;
                m_starts.push_back(now);
                // Another waiter may fit too.
                if (!m_waiters.empty()) {
                    auto next = m_waiters.front();
                    net::post(next->get_executor(), [next] { next->cancel(); });
                }
                co_return;
            }
        }
    }
}

void RateLimiter::release()
{
    std::lock_guard lock(m_mutex);
    --m_in_flight;
    if (!m_waiters.empty()) {
        auto next = m_waiters.front();
        net::post(next->get_executor(), [next] { next->cancel(); });
    }
}

int RateLimiter::in_flight() const
{
    std::lock_guard lock(m_mutex);
    return m_in_flight;
}

int RateLimiter::waiting() const
{
    std::lock_guard lock(m_mutex);
    return int(m_waiters.size());
}

}
