#pragma once
// Slows down password guessing, per account and per client address, in this process's memory
// (each instance throttles on its own; a restart forgets; see docs/decisions.md 16).
// - The first few failures cost nothing; then each failure makes the next attempt wait twice as
//   long (1 s, 2 s, 4 s, …) up to a ceiling (15 min). Attempts while waiting are refused without
//   running bcrypt and are not counted.
// - An attempt counts as a failure the moment it is let through (reserve_attempt), before bcrypt
//   runs: a burst of simultaneous guesses cannot all pass the check while none has failed yet.
// - A successful login clears the account and that account's own failures from that address; the
//   address keeps the failures it made on other accounts (a user cannot log in between guesses to
//   spray other accounts).
// - The per-account wait never applies to an address the account logged in from before (the last
//   few kept): a stranger failing on someone's account cannot lock its owner out.
// - Entries are forgotten an hour after their last failure. IPv6 clients count per /64.
// Thread-safe.
#include "core/clock.hpp"
#include "core/asio.hpp"

#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mmsgate {

struct LoginThrottleSettings {
    int free_failures = 5;
    Millis first_delay = 1000;
    Millis longest_delay = 15 * 60 * 1000;
    Millis forget_after = 60 * 60 * 1000;
    std::size_t max_entries = 100'000; // per map; when full, the stalest entries go
    std::size_t known_addresses_per_account = 8;
};

class LoginThrottle {
public:
    explicit LoginThrottle(LoginThrottleSettings settings = {});

    // 0 when a login for `account` (the e-mail as typed) from `client` may be tried now, else how
    // many milliseconds until it may.
    [[nodiscard]] Millis wait_before_attempt(std::string_view account, net::ip::address const& client, Millis now);
    // wait_before_attempt, and when that is 0 the attempt is counted as a failure at once (atomically):
    // the caller then calls record_success or cancel_attempt, or nothing when the password was wrong.
    [[nodiscard]] Millis reserve_attempt(std::string_view account, net::ip::address const& client, Millis now);
    // Undoes a reservation whose password was never checked (database down, bcrypt queue full).
    void cancel_attempt(std::string_view account, net::ip::address const& client);
    void record_failure(std::string_view account, net::ip::address const& client, Millis now);
    // After a reserved attempt succeeded: forgets the account's failures and those this account made
    // from this address (the reservation included); the address keeps its failures on other accounts.
    void record_success(std::string_view account, net::ip::address const& client, Millis now);

private:
    struct Failures {
        int count = 0;
        Millis last_failure = 0;
        Millis blocked_until = 0;
    };
    struct KnownAddresses {
        std::deque<std::string> addresses; // newest first
        Millis last_success = 0;
    };
    using FailureMap = std::unordered_map<std::string, Failures>;
    [[nodiscard]] Millis remaining(FailureMap const& map, std::string const& key, Millis now) const;
    [[nodiscard]] Millis wait_locked(std::string const& account, std::string const& address, Millis now) const;
    void fail(FailureMap& map, std::string const& key, Millis now);
    void block_for(Failures& entry, Millis from) const;
    void forget(FailureMap& map, std::string const& key, int failures);
    void fail_everywhere(std::string const& account, std::string const& address, Millis now);
    void make_room(Millis now);

    LoginThrottleSettings m_settings;
    std::mutex m_mutex;
    FailureMap m_by_account;
    FailureMap m_by_address;
    FailureMap m_by_account_at_address; // what record_success takes back from the address
    std::unordered_map<std::string, KnownAddresses> m_known;
};

// The key an address is throttled under: IPv4 as is, IPv6 by its /64 (one subscriber's block).
[[nodiscard]] std::string throttle_key(net::ip::address const& client);

}
