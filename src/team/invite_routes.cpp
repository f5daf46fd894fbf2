#include "team/team_routes.hpp"

#include "audit/audit_log.hpp"
#include "auth/login_throttle.hpp"
#include "auth/password_work.hpp"
#include "core/found.hpp"
#include "http/same_origin.hpp"
#include "store/user_queries.hpp"
#include "team/request_body.hpp"
#include "team/user_tokens.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

// What setup asks of a password (src/auth/auth_routes.cpp).
constexpr std::size_t kMinimumPasswordLength = 8;
constexpr std::size_t kMaxNameLength = 200;
// Guessed links count like failed sign-ins of one pseudo-account per client address.
constexpr std::string_view kThrottleAccount = "one-time link";

Error unknown_link()
{
    return Error { ErrorCode::NotFound, "This link is not valid: it was used already, it expired, or it was replaced by a newer one", {}, "token" };
}

class InviteHandlers : public RouteHandlers<TeamRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> describe(Request& request)
    {
        if (auto refused = throttled(request))
            co_return std::move(*refused);
        auto token = co_await find(request);
        if (!token)
            co_return error_response(token.error());
        co_return json_response(http::status::ok,
            { { "kind", to_string(token->kind) }, { "email", token->email }, { "role", token->role },
                { "expiresAt", format_iso8601(token->expires_at) } });
    }

    Awaitable<Response> accept(Request& request)
    {
        if (is_cross_site_request(request, m.config.nextauth_url))
            co_return error_response(Error { ErrorCode::PermissionDenied, std::string(kCrossSiteRefused), {}, {} });
        if (auto refused = throttled(request))
            co_return std::move(*refused);
        auto body = json_object_body(request);
        if (!body)
            co_return error_response(body.error());
        auto password = text_member(*body, "password");
        auto name = text_member(*body, "name");
        if (password.size() < kMinimumPasswordLength)
            co_return error_response(Error { ErrorCode::InvalidArgument, "The password must have at least 8 characters", {}, "password" });
        if (name.size() > kMaxNameLength)
            co_return error_response(Error { ErrorCode::InvalidArgument, "The name must have at most 200 characters", {}, "name" });
        auto token = co_await find(request);
        if (!token)
            co_return error_response(token.error());
        auto hash = co_await hash_password_off_thread(password, m.config.bcrypt_cost);
        if (!hash)
            co_return error_response(hash.error());
        auto now = now_millis();
        auto client = request.client.to_string();
        auto user = co_await m.database.write<User>([&](SqlConnection& connection) -> Result<User> {
            Result<User> changed = token->kind == UserTokenKind::Invite ? create_invited(connection, *token, name, *hash, now)
                                                                        : reset_password(connection, *token, *hash, now);
            if (!changed)
                return changed;
            if (auto used = use_user_token(connection, token->id, changed->id, now); !used)
                return std::unexpected(std::move(used.error()));
            AuditEntry entry;
            entry.action = token->kind == UserTokenKind::Invite ? "user.created" : "user.password_changed";
            entry.actor_id = changed->id;
            entry.actor_label = token->email;
            entry.target_type = "user";
            entry.target_id = changed->id;
            entry.client_address = client;
            entry.detail = { { "via", to_string(token->kind) }, { "role", changed->role } };
            entry.occurred_at = now;
            if (auto appended = append_audit_entry(connection, entry); !appended)
                return std::unexpected(std::move(appended.error()));
            return changed;
        });
        if (!user)
            co_return error_response(user.error());
        spdlog::info("user {} set a password through a one-time {} link client={}", user->id, to_string(token->kind), client);
        // The page signs in with these credentials, as first-run setup does.
        co_return json_response(http::status::created, { { "email", user->email.value_or(token->email) }, { "role", user->role } });
    }

private:
    static Result<User> create_invited(SqlConnection& connection, UserToken const& token, std::string const& name,
        std::string const& hash, Millis now)
    {
        NewUser user { token.email, name.empty() ? std::nullopt : std::optional(name), hash, token.role == "admin", token.role };
        return create_user(connection, user, now);
    }

    static Result<User> reset_password(SqlConnection& connection, UserToken const& token, std::string const& hash, Millis now)
    {
        auto found = found_or(find_user_by_id(connection, token.user_id.value_or("")), std::unexpected(unknown_link()));
        if (!found)
            return found;
        if (auto saved = set_user_password(connection, found->id, hash, now); !saved)
            return std::unexpected(std::move(saved.error()));
        return found;
    }

    std::optional<Response> throttled(Request const& request)
    {
        auto wait = m_throttle.wait_before_attempt(kThrottleAccount, request.client, now_millis());
        if (wait <= 0)
            return std::nullopt;
        auto seconds = (wait + 999) / 1000;
        auto response = error_response(Error { ErrorCode::ResourceExhausted,
            "Too many attempts with links that are not valid: try again in " + std::to_string(seconds) + " s", {}, {} });
        response.set(http::field::retry_after, std::to_string(seconds));
        return response;
    }

    Awaitable<Result<UserToken>> find(Request& request)
    {
        auto secret = std::string(request.path_parameter("token"));
        auto now = now_millis();
        auto token = co_await m.database.read<std::optional<UserToken>>(
            [&](SqlConnection& connection) { return find_user_token(connection, secret, now); });
        if (!token)
            co_return fail(ErrorCode::Unavailable, std::string(kDatabaseUnavailable), token.error().detail);
        if (!*token) {
            m_throttle.record_failure(kThrottleAccount, request.client, now);
            co_return std::unexpected(unknown_link());
        }
        co_return std::move(**token);
    }

    LoginThrottle m_throttle;
};

}

void add_invite_routes(Router& router, TeamRouteDependencies dependencies)
{
    auto handlers = std::make_shared<InviteHandlers>(std::move(dependencies));
    router.add(http::verb::get, "/api/invites/{token}", [handlers](Request& request) { return handlers->describe(request); });
    router.add(http::verb::post, "/api/invites/{token}", [handlers](Request& request) { return handlers->accept(request); });
}

}
