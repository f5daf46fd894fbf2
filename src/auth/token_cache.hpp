#pragma once
// Session tokens this process issued or decoded lately, with their claims. A browser sends the
// same token with every request until the next session check re-issues it, and decrypting and
// parsing it costs most of a session check. The key is the whole token, which only the secret's
// holder can produce, so a hit is as good as a decryption; the caller still checks exp and nbf.
// Thread-safe; the oldest entries make room for new ones.
#include "auth/token_claims.hpp"

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mmsgate {

class TokenCache {
public:
    explicit TokenCache(std::size_t max_entries = 1024);

    [[nodiscard]] std::shared_ptr<Claims const> find(std::string const& token) const;
    void remember(std::string const& token, std::shared_ptr<Claims const> claims);

private:
    std::size_t m_max_entries;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::shared_ptr<Claims const>> m_entries;
    std::deque<std::string> m_arrival_order;
};

}
