#include "auth/api_key_authenticator.hpp"

#include "api_keys/api_key_format.hpp"
#include "api_keys/api_key_store.hpp"
#include "audit/audit_log.hpp"
#include "core/encoding.hpp"
#include "core/secret.hpp"
#include "http/response.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace mmsgate {

namespace {

constexpr std::array kKeyParameterNames { std::string_view("api_key"), std::string_view("key"), std::string_view("token"),
    std::string_view("access_token") };

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

struct KeyAndOwner {
    std::optional<ApiKeyRecord> key;
    std::optional<User> owner;
};

// What a refused key is called in the audit log: its lookup prefix only, never more of it.
std::string key_label(std::string_view key)
{
    auto prefix = api_key_lookup_prefix(key);
    return prefix ? "key " + *prefix + "…" : "malformed key";
}

}

std::optional<std::string_view> bearer_token(Request const& request)
{
    auto authorization = trim_blanks(request.header(http::field::authorization));
    constexpr std::string_view scheme = "Bearer";
    if (authorization.size() <= scheme.size() || !equals_ignoring_case(authorization.substr(0, scheme.size()), scheme)
        || authorization[scheme.size()] != ' ')
        return std::nullopt;
    return trim_blanks(authorization.substr(scheme.size() + 1));
}

std::optional<Error> key_in_query_refusal(Request const& request)
{
    auto query = request.query();
    if (query.empty())
        return std::nullopt;
    bool named = false;
    for (auto const& [name, value] : parse_form(query)) {
        for (auto parameter : kKeyParameterNames)
            named = named || equals_ignoring_case(name, parameter);
    }
    if (!named && !contains_api_key_marker(url_decode(query)))
        return std::nullopt;
    return Error { ErrorCode::InvalidArgument,
        "API keys are never accepted in a URL: send the key in the header \"Authorization: Bearer <key>\". "
        "A key that was put in a URL may have been recorded on the way: revoke it and create another.",
        "refused a request with a key-like query parameter", {} };
}

bool FailureAuditThrottle::admit(std::string const& client, Millis now)
{
    constexpr Millis minute = 60000;
    std::lock_guard lock(m_mutex);
    if (now - m_window_start >= minute) {
        m_window_start = now;
        m_in_window = 0;
        std::erase_if(m_last_by_client, [&](auto const& entry) { return now - entry.second >= minute; });
    }
    if (m_in_window >= 30)
        return false;
    auto [entry, inserted] = m_last_by_client.try_emplace(client, now);
    if (!inserted && now - entry->second < minute)
        return false;
    entry->second = now;
    ++m_in_window;
    return true;
}

ApiKeyAuthenticator::ApiKeyAuthenticator(Database& database, int requests_per_minute, Millis user_recheck_interval)
    : m_database(database)
    , m_limiter(requests_per_minute)
    , m_owners(user_recheck_interval)
{
}

Awaitable<Result<AuthenticatedUser>> ApiKeyAuthenticator::authenticate(std::string_view key, Request const& request)
{
    auto prefix = api_key_lookup_prefix(key);
    if (!prefix)
        co_return co_await refuse("malformed key", key_label(key), request);
    auto now = now_millis();
    auto found = co_await m_database.quick_read<KeyAndOwner>([&](SqlConnection& connection) -> Result<KeyAndOwner> {
        auto record = find_api_key_by_prefix(connection, *prefix);
        if (!record)
            return std::unexpected(std::move(record.error()));
        if (!*record)
            return KeyAndOwner {};
        if (auto owner = m_owners.find((*record)->owner_id, now))
            return KeyAndOwner { std::move(*record), std::move(owner) };
        auto owner = find_user_by_id(connection, (*record)->owner_id);
        if (!owner)
            return std::unexpected(std::move(owner.error()));
        if (*owner)
            m_owners.remember(**owner, now);
        return KeyAndOwner { std::move(*record), std::move(*owner) };
    });
    if (!found)
        co_return fail(ErrorCode::Unavailable, std::string(kDatabaseUnavailable), found.error().detail);
    auto const& record = found->key;
    // The hash is compared even though the prefix matched: the prefix is not secret.
    if (!record || !constant_time_equals(api_key_hash(key), record->key_hash))
        co_return co_await refuse("unknown key", key_label(key), request);
    if (record->revoked_at)
        co_return co_await refuse("revoked key", key_label(key), request);
    if (record->expires_at && *record->expires_at <= now)
        co_return co_await refuse("expired key", key_label(key), request);
    if (!found->owner || found->owner->disabled)
        co_return co_await refuse("owner unknown or disabled", key_label(key), request);
    if (auto wait = m_limiter.take(record->id, now); wait > 0)
        co_return std::unexpected(rate_limited_failure(wait, "API key " + record->prefix + "… is over its rate limit"));

    if (!record->last_used_at || now - *record->last_used_at >= kKeyUseRecordInterval) {
        auto address = request.client.to_string();
        auto recorded = co_await m_database.write<void>(
            [&](SqlConnection& connection) { return record_api_key_use(connection, record->id, now, address); });
        if (!recorded)
            spdlog::warn("could not record the use of API key {}: {}", record->prefix, recorded.error().detail);
    }

    // The owner's role now (a key made when the owner could send stops sending once they cannot).
    auto user = authenticated_user_of(*found->owner);
    std::vector<Permission> scopes;
    for (auto const& name : record->scopes) {
        if (auto permission = parse_permission(name))
            scopes.push_back(*permission);
    }
    user.key_scopes = std::move(scopes);
    co_return user;
}

Awaitable<Result<AuthenticatedUser>> ApiKeyAuthenticator::refuse(std::string reason, std::string label, Request const& request)
{
    auto client = request.client.to_string();
    spdlog::info("API key refused ({}) client={} id={}", reason, client, request.request_id);
    if (m_failure_audits.admit(client, now_millis())) {
        AuditEntry entry;
        entry.action = "key.authentication_failed";
        entry.succeeded = false;
        entry.actor_label = label;
        entry.target_type = "key";
        entry.client_address = client;
        entry.detail = { { "reason", reason } };
        auto written = co_await m_database.write<std::string>(
            [&](SqlConnection& connection) { return append_audit_entry(connection, entry); });
        if (!written)
            spdlog::warn("could not audit a refused API key: {}", written.error().detail);
    }
    co_return fail(ErrorCode::Unauthenticated, "Unauthorized", "API key refused: " + reason);
}

}
