#pragma once
// The users that sessions named recently, kept for a short time so that a session check (every API
// request) does not read the database each time. A change to an account (disabled, new password)
// therefore reaches sessions within `time_to_live`, on every instance. Thread-safe.
#include "core/clock.hpp"
#include "store/user_queries.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace mmsgate {

class UserCache {
public:
    explicit UserCache(Millis time_to_live, std::size_t max_entries = 10000);

    [[nodiscard]] std::optional<User> find(std::string const& id, Millis now) const;
    void remember(User const& user, Millis now);

private:
    struct Entry {
        User user;
        Millis fetched_at = 0;
    };
    Millis m_time_to_live;
    std::size_t m_max_entries;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
};

}
