#pragma once
// Authentication with an API key (Authorization: Bearer mmsk_…). Every request reads the key's row,
// so a revocation counts at once; the owner is re-read at least every second (kUserRecheckInterval),
// so a disabled owner or a narrower role stops the key within a second on every instance. The key's
// scopes are checked against the owner's role at each use (AuthenticatedUser::may).
#include "api_keys/api_key_rate_limiter.hpp"
#include "auth/authenticated_user.hpp"
#include "auth/user_cache.hpp"
#include "store/database.hpp"

#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace mmsgate {

// The key in "Authorization: Bearer <key>"; nullopt when the request has no Bearer credentials.
[[nodiscard]] std::optional<std::string_view> bearer_token(Request const& request);
// The refusal of a request whose query string carries an API key (parameters api_key, key, token,
// access_token, or anything that looks like a key): a key in a URL ends up in logs and histories.
[[nodiscard]] std::optional<Error> key_in_query_refusal(Request const& request);

// Failed key authentications are audited, but at most once a minute per client address and 30
// times a minute in all, so that a flood of bad keys cannot fill the audit log.
class FailureAuditThrottle {
public:
    [[nodiscard]] bool admit(std::string const& client, Millis now);

private:
    std::mutex m_mutex;
    std::unordered_map<std::string, Millis> m_last_by_client;
    Millis m_window_start = 0;
    int m_in_window = 0;
};

// How often a key's last_used_at/last_used_address is written, at most.
inline constexpr Millis kKeyUseRecordInterval = 5000;

class ApiKeyAuthenticator {
public:
    ApiKeyAuthenticator(Database& database, int requests_per_minute, Millis user_recheck_interval);

    // Unauthenticated (401) for a malformed, unknown, revoked or expired key or a disabled owner;
    // ResourceExhausted (429, see rate_limited_failure) over the key's limit; Unavailable without a database.
    [[nodiscard]] Awaitable<Result<AuthenticatedUser>> authenticate(std::string_view key, Request const& request);

private:
    Awaitable<Result<AuthenticatedUser>> refuse(std::string reason, std::string label, Request const& request);

    Database& m_database;
    ApiKeyRateLimiter m_limiter;
    UserCache m_owners;
    FailureAuditThrottle m_failure_audits;
};

}
