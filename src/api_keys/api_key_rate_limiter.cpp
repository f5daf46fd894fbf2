#include "api_keys/api_key_rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace mmsgate {

ApiKeyRateLimiter::ApiKeyRateLimiter(int requests_per_minute, std::size_t max_keys)
    : m_capacity(std::max(1, requests_per_minute))
    , m_tokens_per_ms(m_capacity / 60000.0)
    , m_max_keys(max_keys)
{
}

long ApiKeyRateLimiter::take(std::string const& key_id, Millis now)
{
    std::lock_guard lock(m_mutex);
    auto found = m_buckets.find(key_id);
    if (found == m_buckets.end()) {
        // A full map is dropped whole: forgetting buckets only lets keys start full again.
        if (m_buckets.size() >= m_max_keys)
            m_buckets.clear();
        found = m_buckets.emplace(key_id, Bucket { m_capacity, now }).first;
    }
    auto& bucket = found->second;
    if (now > bucket.updated_at) {
        bucket.tokens = std::min(m_capacity, bucket.tokens + double(now - bucket.updated_at) * m_tokens_per_ms);
        bucket.updated_at = now;
    }
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    auto wait_ms = (1.0 - bucket.tokens) / m_tokens_per_ms;
    return std::max(1L, long(std::ceil(wait_ms / 1000.0)));
}

}
