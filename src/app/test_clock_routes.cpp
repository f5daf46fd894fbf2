#include "app/test_clock_routes.hpp"

#include "http/response.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

Millis system_millis() { return now_millis() - test_clock_offset(); }

Response clock_response() { return json_response(http::status::ok, { { "now", format_iso8601(now_millis()) } }); }

}

void apply_test_clock_start(Config const& config)
{
    if (!config.test_clock)
        return;
    if (config.test_clock_start)
        set_test_clock_offset(*config.test_clock_start - system_millis());
    spdlog::warn("MMSGATE_TEST_CLOCK is on (tests only): this process's clock reads {}", format_iso8601(now_millis()));
}

void add_test_clock_routes(Router& router, Config const& config, std::function<void()> moved)
{
    if (!config.test_clock)
        return;
    auto local_only = [](Request const& request) -> std::optional<Response> {
        if (request.is_local_client())
            return std::nullopt;
        return error_response(Error { ErrorCode::PermissionDenied, "The test clock answers only this machine", {}, {} });
    };
    router.add(http::verb::get, "/api/test/clock", [local_only](Request& request) -> Awaitable<Response> {
        if (auto refused = local_only(request))
            co_return std::move(*refused);
        co_return clock_response();
    });
    router.add(http::verb::post, "/api/test/clock", [local_only, moved](Request& request) -> Awaitable<Response> {
        if (auto refused = local_only(request))
            co_return std::move(*refused);
        auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
        auto text = body.is_object() && body.contains("now") && body["now"].is_string() ? body["now"].get<std::string>() : "";
        auto at = parse_iso8601(text);
        if (!at)
            co_return error_response(Error { ErrorCode::InvalidArgument, "now must be a time like 2026-12-05T03:00:00Z", {}, "now" });
        set_test_clock_offset(*at - system_millis());
        spdlog::warn("test clock set to {}", format_iso8601(now_millis()));
        if (moved)
            moved();
        co_return clock_response();
    });
}

}
