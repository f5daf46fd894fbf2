#include "metrics/metrics_route.hpp"

#include "core/secret.hpp"
#include "http/response.hpp"
#include "metrics/exposition.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace mmsgate {

namespace {

bool was_forwarded(Request const& request)
{
    return !request.header(http::field::forwarded).empty() || !request.header("X-Forwarded-For").empty()
        || !request.header("X-Real-IP").empty();
}

bool has_bearer_token(Request const& request, std::string_view token)
{
    constexpr std::string_view kScheme = "Bearer ";
    auto authorization = request.header(http::field::authorization);
    // The scheme is case-insensitive (RFC 9110 11.1); the token is compared in constant time.
    if (authorization.size() < kScheme.size() || !boost::algorithm::iequals(authorization.substr(0, kScheme.size()), kScheme))
        return false;
    return constant_time_equals(authorization.substr(kScheme.size()), token);
}

}

bool may_read_metrics(Request const& request, std::string_view bearer_token)
{
    if (!bearer_token.empty() && has_bearer_token(request, bearer_token))
        return true;
    return request.peer_is_loopback() && !was_forwarded(request);
}

void add_metrics_route(Router& router, std::shared_ptr<MetricsRegistry> registry, std::string bearer_token)
{
    router.add(http::verb::get, "/metrics",
        [registry = std::move(registry), token = std::move(bearer_token)](Request& request) -> Awaitable<Response> {
            if (!may_read_metrics(request, token))
                co_return error_response(http::status::forbidden,
                    "Metrics are served to loopback clients, or with the metrics bearer token");
            co_await registry->run_scrape_hooks();
            auto response = text_response(http::status::ok, registry->expose(), kExpositionContentType);
            set_no_store(response);
            co_return response;
        });
}

}
