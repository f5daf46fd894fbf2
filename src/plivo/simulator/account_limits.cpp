#include "plivo/simulator/account_limits.hpp"

#include "plivo/simulator/control_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

Result<AccountLimitSettings> parse_account_limits(nlohmann::json const& body)
{
    using simulator::read_integer;
    if (!body.is_object())
        return fail(ErrorCode::InvalidArgument, "the limits must be a JSON object");
    AccountLimitSettings limits;
    long long window_ms = limits.window.count();
    for (auto result : {
             read_integer(body, "requests_per_window", 0, 1000000, limits.requests_per_window),
             read_integer(body, "window_ms", 1, 3600000, window_ms),
             read_integer(body, "max_concurrent", 0, 1000000, limits.max_concurrent),
         }) {
        if (!result)
            return std::unexpected(std::move(result.error()));
    }
    limits.window = std::chrono::milliseconds(window_ms);
    return limits;
}

std::shared_ptr<void> AccountLimits::admit()
{
    std::lock_guard lock(m_mutex);
    auto now = std::chrono::steady_clock::now();
    while (!m_starts.empty() && m_starts.front() + m_settings.window <= now)
        m_starts.pop_front();
    bool window_full = m_settings.requests_per_window > 0 && int(m_starts.size()) >= m_settings.requests_per_window;
    bool too_many_at_once = m_settings.max_concurrent > 0 && m_in_flight >= m_settings.max_concurrent;
    if (window_full || too_many_at_once) {
        ++m_rate_limited;
        return nullptr;
    }
    if (m_settings.requests_per_window > 0)
        m_starts.push_back(now);
    m_peak_concurrent = std::max(m_peak_concurrent, ++m_in_flight);
    // The handle's deleter marks the answer; the handle keeps the limits alive until then.
    return std::shared_ptr<void>(this, [self = shared_from_this()](void*) { self->answered(); });
}

void AccountLimits::answered()
{
    std::lock_guard lock(m_mutex);
    --m_in_flight;
}

void AccountLimits::configure(AccountLimitSettings settings)
{
    std::lock_guard lock(m_mutex);
    m_settings = settings;
    m_starts.clear();
    m_peak_concurrent = m_in_flight;
    m_rate_limited = 0;
}

nlohmann::json AccountLimits::to_json() const
{
    std::lock_guard lock(m_mutex);
    return {
        { "requests_per_window", m_settings.requests_per_window },
        { "window_ms", m_settings.window.count() },
        { "max_concurrent", m_settings.max_concurrent },
        { "rate_limited", m_rate_limited },
        { "peak_concurrent", m_peak_concurrent },
        { "in_flight", m_in_flight },
    };
}

}
