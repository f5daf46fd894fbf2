#include "auth/token_cache.hpp"

namespace mmsgate {

TokenCache::TokenCache(std::size_t max_entries)
    : m_max_entries(max_entries)
{
}

std::shared_ptr<Claims const> TokenCache::find(std::string const& token) const
{
    std::lock_guard lock(m_mutex);
    auto found = m_entries.find(token);
    return found == m_entries.end() ? nullptr : found->second;
}

void TokenCache::remember(std::string const& token, std::shared_ptr<Claims const> claims)
{
    if (m_max_entries == 0)
        return;
    std::lock_guard lock(m_mutex);
    auto [entry, inserted] = m_entries.try_emplace(token, std::move(claims));
    if (!inserted)
        return;
    m_arrival_order.push_back(token);
    while (m_entries.size() > m_max_entries) {
        m_entries.erase(m_arrival_order.front());
        m_arrival_order.pop_front();
    }
}

}
