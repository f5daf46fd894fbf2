#include "auth/user_cache.hpp"

namespace mmsgate {

UserCache::UserCache(Millis time_to_live, std::size_t max_entries)
    : m_time_to_live(time_to_live)
    , m_max_entries(max_entries)
{
}

std::optional<User> UserCache::find(std::string const& id, Millis now) const
{
    std::lock_guard lock(m_mutex);
    auto found = m_entries.find(id);
    if (found == m_entries.end() || now - found->second.fetched_at >= m_time_to_live || now < found->second.fetched_at)
        return std::nullopt;
    return found->second.user;
}

void UserCache::remember(User const& user, Millis now)
{
    if (m_time_to_live <= 0)
        return;
    std::lock_guard lock(m_mutex);
    // Entries only live for a moment: when the map is full, they are all stale or nearly so.
    if (m_entries.size() >= m_max_entries && !m_entries.contains(user.id))
        m_entries.clear();
    auto& entry = m_entries[user.id];
    entry.user = user;
    // The password hash is not needed to check a session; it stays out of memory that lives on.
    entry.user.password_hash.reset();
    entry.fetched_at = now;
}

}
