#include "api_keys/routes/api_key_routes.hpp"

#include "api_keys/routes/api_key_lifecycle.hpp"
#include "http/json_values.hpp"
#include "http/response.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

namespace {

Result<ApiKeyRequest> parse_key_request(Request const& request, AuthenticatedUser const& owner)
{
    if (!request.header(http::field::content_type).starts_with("application/json"))
        return fail(ErrorCode::InvalidArgument, "Content-Type must be application/json");
    auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
    if (!body.is_object())
        return fail(ErrorCode::InvalidArgument, "The body must be a JSON object");
    ApiKeyRequest key { owner.id, owner.role, {}, {}, std::nullopt };
    if (auto name = body.find("name"); name != body.end()) {
        if (!name->is_string())
            return fail_field("name", "name must be text");
        key.name = name->get<std::string>();
    }
    auto scopes = body.find("scopes");
    if (scopes == body.end() || !scopes->is_array())
        return fail_field("scopes", "scopes must be a list of scope names");
    for (auto const& scope : *scopes) {
        if (!scope.is_string())
            return fail_field("scopes", "scopes must be a list of scope names");
        key.scopes.push_back(scope.get<std::string>());
    }
    if (auto days = body.find("expiresInDays"); days != body.end() && !days->is_null()) {
        if (!days->is_number_integer())
            return fail_field("expiresInDays", "expiresInDays must be a whole number of days, or null");
        auto value = days->get<std::int64_t>();
        key.expires_in_days = int(std::clamp<std::int64_t>(value, -1, kMaxApiKeyExpiryDays + 1));
    }
    return key;
}

ApiKeyActor actor_of(AuthenticatedUser const& user, Request const& request)
{
    return { user.id, user.email.value_or(user.id), request.client.to_string() };
}

class ApiKeyHandlers : public RouteHandlers<ApiKeyRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request&, AuthenticatedUser const& user)
    {
        if (auto refused = session_only(user))
            co_return std::move(*refused);
        auto keys = co_await m.database.read<std::vector<ApiKeyRecord>>(
            [&](SqlConnection& connection) { return list_api_keys(connection, std::nullopt); });
        if (!keys)
            co_return error_response(Error { ErrorCode::Unavailable, std::string(kDatabaseUnavailable), keys.error().detail, {} });
        auto items = json_array_of(*keys, api_key_json);
        auto response = json_response(http::status::ok, { { "keys", items } });
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> create(Request& request, AuthenticatedUser const& user)
    {
        if (auto refused = session_only(user))
            co_return std::move(*refused);
        auto key_request = parse_key_request(request, user);
        if (!key_request)
            co_return error_response(key_request.error());
        if (auto valid = validate_api_key_request(*key_request); !valid)
            co_return error_response(valid.error());
        auto actor = actor_of(user, request);
        auto created = co_await m.database.write<CreatedApiKey>(
            [&](SqlConnection& connection) { return create_api_key(connection, *key_request, actor, now_millis()); });
        if (!created)
            co_return error_response(created.error());
        created->record.owner_email = user.email.value_or("");
        // The key is in this answer only: no cache (browser, proxy) may keep a copy.
        auto response = json_response(http::status::created, { { "key", created->key }, { "apiKey", api_key_json(created->record) } });
        set_no_store(response);
        co_return response;
    }

    Awaitable<Response> revoke(Request& request, AuthenticatedUser const& user)
    {
        if (auto refused = session_only(user))
            co_return std::move(*refused);
        auto id = std::string(request.path_parameter("id"));
        auto actor = actor_of(user, request);
        auto revoked = co_await m.database.write<ApiKeyRecord>(
            [&](SqlConnection& connection) { return revoke_api_key_audited(connection, id, actor, now_millis()); });
        if (!revoked)
            co_return error_response(revoked.error());
        co_return json_response(http::status::ok, { { "apiKey", api_key_json(*revoked) } });
    }

private:
    // A key could otherwise mint keys that outlive its own revocation.
    static std::optional<Response> session_only(AuthenticatedUser const& user)
    {
        if (!user.key_scopes)
            return std::nullopt;
        return error_response(Error { ErrorCode::PermissionDenied, "API keys are managed while signed in, not with an API key", {}, {} });
    }
};

}

void add_api_key_routes(Router& router, ApiKeyRouteDependencies dependencies)
{
    SignedInGroup<ApiKeyHandlers> keys(std::move(dependencies));
    router.add(http::verb::get, "/api/keys", keys.read(Permission::Administer, &ApiKeyHandlers::list));
    router.add(http::verb::post, "/api/keys", keys.write(Permission::Administer, &ApiKeyHandlers::create));
    router.add(http::verb::post, "/api/keys/{id}/revoke", keys.write(Permission::Administer, &ApiKeyHandlers::revoke));
}

}
