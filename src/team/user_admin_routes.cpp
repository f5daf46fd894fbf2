#include "team/team_routes.hpp"

#include "audit/audit_log.hpp"
#include "core/found.hpp"
#include "http/json_values.hpp"
#include "team/request_body.hpp"
#include "team/user_tokens.hpp"
#include "store/user_queries.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

constexpr std::size_t kMaxEmailLength = 254;

nlohmann::json user_json(User const& user, std::string const& viewer_id)
{
    return { { "id", user.id }, { "email", json_or_null(user.email) },
        { "name", json_or_null(user.name) }, { "role", user.role },
        { "disabled", user.disabled },
        { "lastSignInAt", iso8601_or_null(user.last_sign_in_at) },
        { "lastSignInAddress", json_or_null(user.last_sign_in_address) },
        { "isYou", user.id == viewer_id } };
}

// The audit entry of an admin's change to an account.
AuditEntry admin_change(AuthenticatedUser const& admin, Request const& request, std::string action, std::string target_id,
    nlohmann::json detail)
{
    AuditEntry entry;
    entry.action = std::move(action);
    entry.actor_id = admin.id;
    entry.actor_label = admin.email.value_or(admin.id);
    entry.target_type = "user";
    entry.target_id = std::move(target_id);
    entry.client_address = request.client.to_string();
    entry.detail = std::move(detail);
    return entry;
}

Result<void> append(SqlConnection& connection, AuditEntry const& entry)
{
    auto appended = append_audit_entry(connection, entry);
    if (!appended)
        return std::unexpected(std::move(appended.error()));
    return {};
}

Result<void> keep_an_admin(SqlConnection& connection, User const& user, std::string_view new_role, bool disabling)
{
    bool loses_admin = user.role == "admin" && !user.disabled && (new_role != "admin" || disabling);
    if (!loses_admin)
        return {};
    auto admins = count_active_admins(connection);
    if (!admins)
        return std::unexpected(std::move(admins.error()));
    if (*admins <= 1)
        return std::unexpected(Error { ErrorCode::Conflict,
            "This is the last active admin: make another account admin first", {}, disabling ? "disabled" : "role" });
    return {};
}

class UserAdminHandlers : public RouteHandlers<TeamRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request&, AuthenticatedUser const& admin)
    {
        auto users = co_await m.database.read<std::vector<User>>([](SqlConnection& connection) { return list_users(connection); });
        if (!users)
            co_return error_response(Error { ErrorCode::Unavailable, std::string(kDatabaseUnavailable), {}, {} });
        auto items = json_array_of(*users, [&](auto const& user) { return user_json(user, admin.id); });
        co_return json_response(http::status::ok, { { "users", items } });
    }

    Awaitable<Response> invite(Request& request, AuthenticatedUser const& admin)
    {
        auto body = json_object_body(request);
        if (!body)
            co_return error_response(body.error());
        auto email = text_member(*body, "email");
        auto role = text_member(*body, "role");
        if (email.find('@') == std::string::npos || email.size() > kMaxEmailLength)
            co_return error_response(Error { ErrorCode::InvalidArgument, "Enter a valid e-mail address", {}, "email" });
        if (!parse_role(role))
            co_return error_response(Error { ErrorCode::InvalidArgument, "role must be admin, sender or viewer", {}, "role" });
        auto now = now_millis();
        auto issued = co_await m.database.write<IssuedUserToken>([&](SqlConnection& connection) -> Result<IssuedUserToken> {
            auto existing = find_user_by_email(connection, email);
            if (!existing)
                return std::unexpected(std::move(existing.error()));
            if (*existing)
                return std::unexpected(Error { ErrorCode::AlreadyExists, "An account with this e-mail address exists", {}, "email" });
            auto token = issue_user_token(connection,
                NewUserToken { .kind = UserTokenKind::Invite, .email = email, .role = role, .user_id = std::nullopt, .created_by = admin.id }, now);
            if (!token)
                return token;
            auto entry = admin_change(admin, request, "user.invited", token->token.id, { { "email", email }, { "role", role } });
            entry.target_type = "invite";
            if (auto appended = append(connection, entry); !appended)
                return std::unexpected(std::move(appended.error()));
            return token;
        });
        if (!issued)
            co_return error_response(issued.error());
        co_return json_response(http::status::created, link_json(*issued));
    }

    Awaitable<Response> update(Request& request, AuthenticatedUser const& admin)
    {
        auto body = json_object_body(request);
        if (!body)
            co_return error_response(body.error());
        std::optional<std::string> role;
        std::optional<bool> disabled;
        if (auto it = body->find("role"); it != body->end()) {
            if (!it->is_string() || !parse_role(it->get<std::string>()))
                co_return error_response(Error { ErrorCode::InvalidArgument, "role must be admin, sender or viewer", {}, "role" });
            role = it->get<std::string>();
        }
        if (auto it = body->find("disabled"); it != body->end()) {
            if (!it->is_boolean())
                co_return error_response(Error { ErrorCode::InvalidArgument, "disabled must be true or false", {}, "disabled" });
            disabled = it->get<bool>();
        }
        if (!role && !disabled)
            co_return error_response(Error { ErrorCode::InvalidArgument, "Send role or disabled", {}, "role" });
        auto id = std::string(request.path_parameter("id"));
        auto now = now_millis();
        auto updated = co_await m.database.write<User>([&](SqlConnection& connection) -> Result<User> {
            auto found = found_or(find_user_by_id(connection, id), fail(ErrorCode::NotFound, "No such user"));
            if (!found)
                return found;
            auto user = std::move(*found);
            if (auto kept = keep_an_admin(connection, user, role.value_or(user.role), disabled.value_or(false)); !kept)
                return std::unexpected(std::move(kept.error()));
            if (role && *role != user.role) {
                if (auto changed = set_user_role(connection, id, *role, now); !changed)
                    return std::unexpected(std::move(changed.error()));
                if (auto appended = append(connection,
                        admin_change(admin, request, "user.role_changed", id,
                            { { "email", user.email.value_or("") }, { "from", user.role }, { "to", *role } }));
                    !appended)
                    return std::unexpected(std::move(appended.error()));
                user.role = *role;
                user.is_admin = *role == "admin";
            }
            if (disabled && *disabled != user.disabled) {
                if (auto changed = set_user_disabled(connection, id, *disabled, now); !changed)
                    return std::unexpected(std::move(changed.error()));
                if (auto appended = append(connection,
                        admin_change(admin, request, *disabled ? "user.disabled" : "user.enabled", id, { { "email", user.email.value_or("") } }));
                    !appended)
                    return std::unexpected(std::move(appended.error()));
                user.disabled = *disabled;
            }
            return user;
        });
        if (!updated)
            co_return error_response(updated.error());
        co_return json_response(http::status::ok, { { "user", user_json(*updated, admin.id) } });
    }

    Awaitable<Response> password_reset(Request& request, AuthenticatedUser const& admin)
    {
        auto id = std::string(request.path_parameter("id"));
        auto now = now_millis();
        auto issued = co_await m.database.write<IssuedUserToken>([&](SqlConnection& connection) -> Result<IssuedUserToken> {
            auto found = find_user_by_id(connection, id);
            if (!found)
                return std::unexpected(std::move(found.error()));
            if (!*found || !(*found)->email)
                return fail(ErrorCode::NotFound, "No such user");
            auto const& user = **found;
            auto token = issue_user_token(connection,
                NewUserToken { .kind = UserTokenKind::Reset, .email = *user.email, .role = user.role, .user_id = user.id, .created_by = admin.id },
                now);
            if (!token)
                return token;
            if (auto appended = append(connection,
                    admin_change(admin, request, "user.password_reset", id, { { "email", *user.email }, { "link", "issued" } }));
                !appended)
                return std::unexpected(std::move(appended.error()));
            return token;
        });
        if (!issued)
            co_return error_response(issued.error());
        co_return json_response(http::status::created, link_json(*issued));
    }

private:
    nlohmann::json link_json(IssuedUserToken const& issued) const
    {
        auto const& token = issued.token;
        return { { "link", m.config.nextauth_url + (token.kind == UserTokenKind::Invite ? "/invite/" : "/reset-password/") + issued.secret },
            { "email", token.email }, { "role", token.role }, { "kind", to_string(token.kind) },
            { "expiresAt", format_iso8601(token.expires_at) } };
    }
};

}

void add_user_admin_routes(Router& router, TeamRouteDependencies dependencies)
{
    SignedInGroup<UserAdminHandlers> users(std::move(dependencies));
    router.add(http::verb::get, "/api/users", users.read(Permission::Administer, &UserAdminHandlers::list));
    router.add(http::verb::post, "/api/users/invites", users.write(Permission::Administer, &UserAdminHandlers::invite));
    router.add(http::verb::patch, "/api/users/{id}", users.write(Permission::Administer, &UserAdminHandlers::update));
    router.add(http::verb::post, "/api/users/{id}/password-reset", users.write(Permission::Administer, &UserAdminHandlers::password_reset));
}

}
