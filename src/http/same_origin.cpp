#include "http/same_origin.hpp"

#include <boost/beast/core/string.hpp>

namespace mmsgate {

bool is_cross_site_request(Request const& request, std::string_view configured_origin)
{
    auto fetch_site = request.header("Sec-Fetch-Site");
    if (beast::iequals(beast::string_view(fetch_site.data(), fetch_site.size()), "cross-site"))
        return true;
    auto origin = request.header(http::field::origin);
    if (origin.empty())
        return false;
    if (origin == configured_origin)
        return false;
    auto host = request.header(http::field::host);
    if (!host.empty()) {
        for (std::string_view scheme : { "http://", "https://" }) {
            if (origin.size() == scheme.size() + host.size() && origin.starts_with(scheme) && origin.ends_with(host))
                return false;
        }
    }
    return true;
}

}
