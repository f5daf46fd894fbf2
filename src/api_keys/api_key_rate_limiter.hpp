#pragma once
// Per-key request limits: a token bucket per key that holds a minute's allowance and refills
// evenly, so a key may burst up to the limit and then runs at the limit's rate. Per instance: with
// N instances behind a balancer a key gets up to N times the limit (decisions.md). Thread-safe.
#include "core/clock.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

namespace mmsgate {

class ApiKeyRateLimiter {
public:
    explicit ApiKeyRateLimiter(int requests_per_minute, std::size_t max_keys = 100000);

    // 0 when the request may go ahead (and is counted); otherwise the seconds until it may.
    [[nodiscard]] long take(std::string const& key_id, Millis now);

private:
    struct Bucket {
        double tokens = 0;
        Millis updated_at = 0;
    };
    double m_capacity;
    double m_tokens_per_ms;
    std::size_t m_max_keys;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
};

}
