#include "auth/login_throttle.hpp"

#include "http/client_address.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

std::string account_key(std::string_view account)
{
    std::string key(account);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return key;
}

std::string account_at_address(std::string const& account, std::string const& address)
{
    return address + '\n' + account;
}

}

std::string throttle_key(net::ip::address const& client)
{
    return address_group(client);
}

LoginThrottle::LoginThrottle(LoginThrottleSettings settings)
    : m_settings(settings)
{
}

Millis LoginThrottle::remaining(FailureMap const& map, std::string const& key, Millis now) const
{
    auto found = map.find(key);
    if (found == map.end() || found->second.blocked_until <= now)
        return 0;
    return found->second.blocked_until - now;
}

void LoginThrottle::block_for(Failures& entry, Millis from) const
{
    int over = entry.count - m_settings.free_failures;
    if (over <= 0) {
        entry.blocked_until = 0;
        return;
    }
    // first_delay * 2^(over-1), capped; the shift is bounded so it cannot overflow.
    Millis delay = m_settings.first_delay << std::min(over - 1, 30);
    entry.blocked_until = from + std::min(delay, m_settings.longest_delay);
}

void LoginThrottle::fail(FailureMap& map, std::string const& key, Millis now)
{
    auto& entry = map[key];
    if (now - entry.last_failure >= m_settings.forget_after)
        entry = {};
    ++entry.count;
    entry.last_failure = now;
    block_for(entry, now);
}

void LoginThrottle::forget(FailureMap& map, std::string const& key, int failures)
{
    auto found = map.find(key);
    if (found == map.end())
        return;
    found->second.count -= failures;
    if (found->second.count <= 0)
        map.erase(found);
    else
        block_for(found->second, found->second.last_failure);
}

void LoginThrottle::fail_everywhere(std::string const& account, std::string const& address, Millis now)
{
    make_room(now);
    fail(m_by_address, address, now);
    fail(m_by_account, account, now);
    fail(m_by_account_at_address, account_at_address(account, address), now);
}

void LoginThrottle::make_room(Millis now)
{
    auto prune = [&](auto& map, auto last_used) {
        if (map.size() < m_settings.max_entries)
            return;
        std::erase_if(map, [&](auto const& item) { return now - last_used(item.second) >= m_settings.forget_after; });
        // Still full: an attacker is spraying keys. Dropping the stalest half keeps memory bounded;
        // the active attackers' own entries, being recent, stay.
        if (map.size() >= m_settings.max_entries) {
            std::vector<Millis> times;
            times.reserve(map.size());
            for (auto const& item : map)
                times.push_back(last_used(item.second));
            auto middle = times.begin() + std::ptrdiff_t(times.size() / 2);
            std::nth_element(times.begin(), middle, times.end());
            auto cutoff = *middle;
            std::erase_if(map, [&](auto const& item) { return last_used(item.second) <= cutoff; });
        }
    };
    prune(m_by_account, [](Failures const& failures) { return failures.last_failure; });
    prune(m_by_address, [](Failures const& failures) { return failures.last_failure; });
    prune(m_by_account_at_address, [](Failures const& failures) { return failures.last_failure; });
    prune(m_known, [](KnownAddresses const& known) { return known.last_success; });
}

Millis LoginThrottle::wait_locked(std::string const& account, std::string const& address, Millis now) const
{
    auto wait = remaining(m_by_address, address, now);
    auto known = m_known.find(account);
    bool known_address = known != m_known.end()
        && std::find(known->second.addresses.begin(), known->second.addresses.end(), address) != known->second.addresses.end();
    if (!known_address)
        wait = std::max(wait, remaining(m_by_account, account, now));
    return wait;
}

Millis LoginThrottle::wait_before_attempt(std::string_view account, net::ip::address const& client, Millis now)
{
    auto address = throttle_key(client);
    auto key = account_key(account);
    std::scoped_lock lock(m_mutex);
    return wait_locked(key, address, now);
}

Millis LoginThrottle::reserve_attempt(std::string_view account, net::ip::address const& client, Millis now)
{
    auto address = throttle_key(client);
    auto key = account_key(account);
    std::scoped_lock lock(m_mutex);
    auto wait = wait_locked(key, address, now);
    if (wait == 0)
        fail_everywhere(key, address, now);
    return wait;
}

void LoginThrottle::cancel_attempt(std::string_view account, net::ip::address const& client)
{
    auto address = throttle_key(client);
    auto key = account_key(account);
    std::scoped_lock lock(m_mutex);
    forget(m_by_address, address, 1);
    forget(m_by_account, key, 1);
    forget(m_by_account_at_address, account_at_address(key, address), 1);
}

void LoginThrottle::record_failure(std::string_view account, net::ip::address const& client, Millis now)
{
    auto address = throttle_key(client);
    auto key = account_key(account);
    std::scoped_lock lock(m_mutex);
    fail_everywhere(key, address, now);
}

void LoginThrottle::record_success(std::string_view account, net::ip::address const& client, Millis now)
{
    auto address = throttle_key(client);
    auto key = account_key(account);
    std::scoped_lock lock(m_mutex);
    make_room(now);
    // Only this account's failures from here are taken back: failures on other accounts stay
    // counted, so logging in between guesses does not reset a password sprayer's budget.
    auto pair = account_at_address(key, address);
    if (auto own = m_by_account_at_address.find(pair); own != m_by_account_at_address.end()) {
        forget(m_by_address, address, own->second.count);
        m_by_account_at_address.erase(own);
    }
    m_by_account.erase(key);
    auto& known = m_known[key];
    known.last_success = now;
    std::erase(known.addresses, address);
    known.addresses.push_front(address);
    if (known.addresses.size() > m_settings.known_addresses_per_account)
        known.addresses.pop_back();
}

}
