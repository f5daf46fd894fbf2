#include "http/same_origin.hpp"

#include "core/url.hpp"

#include <boost/beast/core/string.hpp>

namespace mmsgate {

bool is_same_origin(std::string_view origin_or_url, std::string_view configured_origin)
{
    auto candidate = parse_http_url(origin_or_url);
    auto configured = parse_http_url(configured_origin);
    if (!candidate || !configured)
        return false;
    if (candidate->origin() == configured->origin())
        return true;
    return is_loopback_host(configured->host) && is_loopback_host(candidate->host)
        && candidate->scheme == configured->scheme && candidate->effective_port() == configured->effective_port();
}

bool is_cross_site_request(Request const& request, std::string_view configured_origin)
{
    auto fetch_site = request.header("Sec-Fetch-Site");
    if (beast::iequals(beast::string_view(fetch_site.data(), fetch_site.size()), "cross-site"))
        return true;
    auto origin = request.header(http::field::origin);
    if (origin.empty())
        origin = request.header(http::field::referer);
    if (origin.empty())
        return false;
    return !is_same_origin(origin, configured_origin);
}

}
