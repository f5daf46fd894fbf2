#pragma once
// Sessions as NextAuth v4 keeps them (a JWE cookie), checked against the database on every use so
// that a disabled account or a changed password ends older sessions at their next request.
#include "auth/authenticated_user.hpp"
#include "auth/cookies.hpp"
#include "auth/session_token.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

#include <memory>

namespace mmsgate {

struct ResolvedSession {
    Claims claims;
    AuthenticatedUser user;
};

class SessionService {
public:
    SessionService(Config const& config, Database& database);

    [[nodiscard]] Awaitable<Result<AuthenticatedUser>> authenticate(Request const& request);
    // The session with its token claims; Unauthenticated for no cookie, an undecodable or expired
    // token, an unknown or disabled user, or a token older than the user's last password change.
    [[nodiscard]] Awaitable<Result<ResolvedSession>> resolve(Request const& request);

    [[nodiscard]] SessionTokenCodec const& codec() const { return m_codec; }
    [[nodiscard]] NextAuthCookieNames const& cookie_names() const { return m_names; }
    [[nodiscard]] CookieAttributes const& cookie_attributes() const { return m_attributes; }
    [[nodiscard]] Config const& config() const { return m_config; }
    [[nodiscard]] Database& database() { return m_database; }

private:
    Config const& m_config;
    Database& m_database;
    SessionTokenCodec m_codec;
    NextAuthCookieNames m_names;
    CookieAttributes m_attributes;
};

[[nodiscard]] RequestCookies request_cookies(Request const& request);

}
