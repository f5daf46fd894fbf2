#include "auth/session_service.hpp"

#include "auth/session_claims.hpp"
#include "auth/session_cookie.hpp"
#include "http/response.hpp"
#include "store/user_queries.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

RequestCookies request_cookies(Request const& request)
{
    // Several Cookie headers are one list (RFC 6265 section 5.4).
    std::string joined;
    for (auto const& field : request.message) {
        if (field.name() == http::field::cookie) {
            if (!joined.empty())
                joined += "; ";
            joined += std::string_view(field.value().data(), field.value().size());
        }
    }
    return parse_cookie_header(joined);
}

SessionService::SessionService(Config const& config, Database& database)
    : m_config(config)
    , m_database(database)
    , m_codec(config.nextauth_secret)
    , m_names(nextauth_cookie_names(config.secure_cookies ? CookieSecurity::Secure : CookieSecurity::Plain))
    , m_attributes(nextauth_cookie_attributes(config.secure_cookies ? CookieSecurity::Secure : CookieSecurity::Plain))
    , m_keys(database, config.api_key_rate_limit, kUserRecheckInterval)
{
}

Awaitable<Result<AuthenticatedUser>> SessionService::authenticate(Request const& request)
{
    if (auto refusal = key_in_query_refusal(request))
        co_return std::unexpected(std::move(*refusal));
    if (auto key = bearer_token(request))
        co_return co_await m_keys.authenticate(*key, request);
    auto session = co_await resolve(request);
    if (!session)
        co_return std::unexpected(std::move(session.error()));
    co_return std::move(session->user);
}

Awaitable<Result<ResolvedSession>> SessionService::resolve(Request const& request)
{
    // A coroutine itself, so the cookies outlive the awaited resolve() that refers to them.
    auto cookies = request_cookies(request);
    co_return co_await resolve(cookies);
}

std::string SessionService::issue(Claims claims, Millis now)
{
    auto token = m_codec.encode_updating(claims, now / 1000, kSessionMaxAgeSeconds);
    m_tokens.remember(token, std::make_shared<Claims const>(std::move(claims)));
    return token;
}

Result<std::shared_ptr<Claims const>> SessionService::claims_of(std::string const& token, Millis now) const
{
    if (auto known = m_tokens.find(token)) {
        if (auto times = check_claim_times(*known, now / 1000); !times)
            return std::unexpected(std::move(times.error()));
        return known;
    }
    auto decoded = m_codec.decode(token, now / 1000);
    if (!decoded)
        return std::unexpected(std::move(decoded.error()));
    auto claims = std::make_shared<Claims const>(std::move(*decoded));
    m_tokens.remember(token, claims);
    return claims;
}

Awaitable<Result<User>> SessionService::account(std::string const& user_id, Millis now)
{
    Result<std::optional<User>> user = m_users.find(user_id, now);
    if (!*user) {
        user = co_await m_database.quick_read<std::optional<User>>(
            [&](SqlConnection& connection) { return find_user_by_id(connection, user_id); });
        if (!user)
            co_return fail(ErrorCode::Unavailable, std::string(kDatabaseUnavailable), user.error().detail);
        if (*user)
            m_users.remember(**user, now);
    }
    if (!*user || (*user)->disabled)
        co_return fail(ErrorCode::Unauthenticated, "Unauthorized", "user unknown or disabled");
    co_return std::move(**user);
}

Awaitable<Result<ResolvedSession>> SessionService::resolve(RequestCookies const& cookies)
{
    auto token = read_session_token(cookies, m_names.session_token);
    if (token.empty())
        co_return fail(ErrorCode::Unauthenticated, "Unauthorized");
    auto now = now_millis();
    auto claims = claims_of(token, now);
    if (!claims) {
        spdlog::debug("session cookie refused: {}", claims.error().detail);
        co_return std::unexpected(std::move(claims.error()));
    }
    auto user_id = session_user_id(**claims);
    if (!user_id)
        co_return fail(ErrorCode::Unauthenticated, "Unauthorized", "token has no sub/id claim");
    auto user = co_await account(*user_id, now);
    if (!user)
        co_return std::unexpected(std::move(user.error()));
    // A password change, a role change or disabling voids every session issued before it (iat is in seconds).
    auto const& token_claims = **claims;
    auto iat = token_claims.find("iat");
    auto issued_at = iat != token_claims.end() && iat->is_number() ? iat->get<std::int64_t>() : 0;
    if (user->session_epoch > 0 && issued_at * 1000 < user->session_epoch - 999)
        co_return fail(ErrorCode::Unauthenticated, "Unauthorized", "session issued before the last password or role change");
    auto authenticated = authenticated_user_of(*user);
    co_return ResolvedSession { std::move(*claims), std::move(authenticated) };
}

}
