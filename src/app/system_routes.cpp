#include "app/system_routes.hpp"

#include "http/response.hpp"
#include "mmsgate/version.hpp"
#include "store/user_queries.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

void add_system_routes(Router& router, Config const& config, Database& database)
{
    router.add(http::verb::get, "/healthz", [](Request&) -> Awaitable<Response> {
        co_return json_response(http::status::ok, { { "status", "ok" } });
    });
    router.add(http::verb::get, "/readyz", [&database](Request&) -> Awaitable<Response> {
        auto ready = co_await database.read<void>([](SqlConnection& connection) -> Result<void> {
            auto result = connection.execute("SELECT 1");
            if (!result)
                return std::unexpected(std::move(result.error()));
            return {};
        });
        if (!ready)
            co_return json_response(http_status_for(ErrorCode::Unavailable), { { "status", "unavailable" }, { "database", "unreachable" } });
        co_return json_response(http::status::ok, { { "status", "ready" }, { "database", "ok" } });
    });
    router.add(http::verb::get, "/api/status", [&config, &database](Request&) -> Awaitable<Response> {
        auto users = co_await database.read<std::int64_t>([](SqlConnection& connection) { return count_users(connection); });
        if (!users)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        auto response = json_response(http::status::ok,
            { { "sandbox", config.sandbox }, { "version", kVersion }, { "setupRequired", *users == 0 } });
        set_no_store(response);
        co_return response;
    });
}

}
