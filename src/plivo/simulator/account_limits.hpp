#pragma once
// Plivo's per-account API limits in the simulator (Plivo: 300 requests per 5 s and 100 concurrent
// requests, over either -> 429), off unless set, and what was seen: the most requests in flight at
// once and how many were refused. Lets tests show that mmsgate, alone or as several instances,
// never provokes a 429 itself. Thread-safe.
#include "core/error.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>

namespace mmsgate {

struct AccountLimitSettings {
    int requests_per_window = 0; // 0: no limit
    std::chrono::milliseconds window { 5000 };
    int max_concurrent = 0; // 0: no limit
};

// {"requests_per_window": 300, "window_ms": 5000, "max_concurrent": 100}; a missing field is no limit.
[[nodiscard]] Result<AccountLimitSettings> parse_account_limits(nlohmann::json const& body);

class AccountLimits : public std::enable_shared_from_this<AccountLimits> {
public:
    // A request admitted: it counts as in flight until the returned handle is released (when its
    // answer is written). Null when a limit refuses it (answer 429).
    [[nodiscard]] std::shared_ptr<void> admit();

    // Replaces the limits and starts counting afresh.
    void configure(AccountLimitSettings settings);
    // {"requests_per_window", "window_ms", "max_concurrent", "rate_limited", "peak_concurrent", "in_flight"}
    [[nodiscard]] nlohmann::json to_json() const;

private:
    void answered();

    mutable std::mutex m_mutex;
    AccountLimitSettings m_settings;
    std::deque<std::chrono::steady_clock::time_point> m_starts;
    int m_in_flight = 0;
    int m_peak_concurrent = 0;
    int m_rate_limited = 0;
};

}
