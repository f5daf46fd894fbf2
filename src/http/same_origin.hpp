#pragma once
// CSRF defence for JSON APIs that browsers call with cookies: a request a browser marks as coming
// from another site is refused. Clients that are not browsers send neither header and pass.
#include "http/request.hpp"

#include <string_view>

namespace mmsgate {

// True when Sec-Fetch-Site says cross-site, or Origin is neither `configured_origin` nor the
// origin of the Host the request was sent to.
[[nodiscard]] bool is_cross_site_request(Request const& request, std::string_view configured_origin);

}
