#pragma once
// Sessions as NextAuth v4 keeps them (a JWE cookie), checked against the user's account so that a
// disabled account or a changed password ends older sessions within a second (kUserRecheckInterval).
#include "auth/api_key_authenticator.hpp"
#include "auth/authenticated_user.hpp"
#include "auth/cookies.hpp"
#include "auth/session_token.hpp"
#include "auth/token_cache.hpp"
#include "auth/user_cache.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

#include <memory>

namespace mmsgate {

// How long a session check may rely on an account it read before.
inline constexpr Millis kUserRecheckInterval = 1000;

struct ResolvedSession {
    std::shared_ptr<Claims const> claims; // never null; shared with the token cache
    AuthenticatedUser user;
};

class SessionService {
public:
    SessionService(Config const& config, Database& database);

    // The request's API key (Authorization: Bearer) when it has one, else its session cookie. A
    // request with a key in its query string is refused (InvalidArgument) either way.
    [[nodiscard]] Awaitable<Result<AuthenticatedUser>> authenticate(Request const& request);
    // The session with its token claims; Unauthenticated for no cookie, an undecodable or expired
    // token, an unknown or disabled user, or a token older than the user's last password change.
    [[nodiscard]] Awaitable<Result<ResolvedSession>> resolve(Request const& request);
    // The same for cookies the caller has parsed already.
    [[nodiscard]] Awaitable<Result<ResolvedSession>> resolve(RequestCookies const& cookies);
    // The account `user_id` as every request sees it (sessions and API keys alike): at most
    // kUserRecheckInterval old, Unauthenticated when unknown or disabled, Unavailable when the
    // database cannot be asked. Its role and session_epoch are what a caller must honour.
    [[nodiscard]] Awaitable<Result<User>> account(std::string const& user_id, Millis now);
    // A token for `claims` with fresh iat, exp and jti (NextAuth's sliding expiry). It is remembered,
    // so the browser's next request, which carries it, needs no decryption.
    [[nodiscard]] std::string issue(Claims claims, Millis now);

    [[nodiscard]] SessionTokenCodec const& codec() const { return m_codec; }
    [[nodiscard]] NextAuthCookieNames const& cookie_names() const { return m_names; }
    [[nodiscard]] CookieAttributes const& cookie_attributes() const { return m_attributes; }
    [[nodiscard]] Config const& config() const { return m_config; }
    [[nodiscard]] Database& database() { return m_database; }

private:
    // From the token cache (time checks only) or decrypted, then remembered.
    [[nodiscard]] Result<std::shared_ptr<Claims const>> claims_of(std::string const& token, Millis now) const;

    Config const& m_config;
    Database& m_database;
    SessionTokenCodec m_codec;
    NextAuthCookieNames m_names;
    CookieAttributes m_attributes;
    UserCache m_users { kUserRecheckInterval };
    mutable TokenCache m_tokens;
    ApiKeyAuthenticator m_keys;
};

[[nodiscard]] RequestCookies request_cookies(Request const& request);

}
