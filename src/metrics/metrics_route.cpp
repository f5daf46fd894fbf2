#include "metrics/metrics_route.hpp"

#include "core/secret.hpp"
#include "core/url.hpp"
#include "http/response.hpp"
#include "metrics/exposition.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace mmsgate {

namespace {

// Any header a proxy adds to say whom it forwards for: X-Forwarded-* (For, Host, Proto, Port, …),
// Forwarded, X-Real-IP, Via and the CDN variants. One of them is enough to distrust the peer.
bool was_forwarded(Request const& request)
{
    for (auto const& field : request.message) {
        std::string_view name(field.name_string().data(), field.name_string().size());
        if (boost::algorithm::istarts_with(name, "x-forwarded") || boost::algorithm::iequals(name, "forwarded")
            || boost::algorithm::iequals(name, "x-real-ip") || boost::algorithm::iequals(name, "via")
            || boost::algorithm::iequals(name, "true-client-ip") || boost::algorithm::iequals(name, "cf-connecting-ip")
            || boost::algorithm::iequals(name, "x-client-ip") || boost::algorithm::iequals(name, "x-original-forwarded-for"))
            return true;
    }
    return false;
}

// A local scraper names the loopback address it connects to; a proxy that passes the site's Host on
// does not, even when it adds no forwarding header.
bool names_loopback_host(Request const& request)
{
    auto host = parse_authority(request.header(http::field::host), "http");
    return host && is_loopback_host(host->host);
}

}

bool has_metrics_bearer_token(Request const& request, std::string_view token)
{
    constexpr std::string_view kScheme = "Bearer ";
    if (token.empty())
        return false;
    auto authorization = request.header(http::field::authorization);
    // The scheme is case-insensitive (RFC 9110 11.1); the token is compared in constant time.
    if (authorization.size() < kScheme.size() || !boost::algorithm::iequals(authorization.substr(0, kScheme.size()), kScheme))
        return false;
    return constant_time_equals(authorization.substr(kScheme.size()), token);
}

bool may_read_metrics(Request const& request, std::string_view bearer_token)
{
    if (has_metrics_bearer_token(request, bearer_token))
        return true;
    return request.is_local_client() && !was_forwarded(request) && names_loopback_host(request);
}

void add_metrics_route(Router& router, std::shared_ptr<MetricsRegistry> registry, std::string bearer_token)
{
    router.add(http::verb::get, "/metrics",
        [registry = std::move(registry), token = std::move(bearer_token)](Request& request) -> Awaitable<Response> {
            if (!may_read_metrics(request, token))
                co_return error_response(ErrorCode::PermissionDenied,
                    "Metrics are served to loopback clients, or with the metrics bearer token");
            co_await registry->run_scrape_hooks();
            auto response = text_response(http::status::ok, registry->expose(), kExpositionContentType);
            set_no_store(response);
            co_return response;
        });
}

}
