#pragma once
// CSRF defence for APIs that browsers call with cookies: a request a browser marks as coming from
// another site is refused. Clients that are not browsers send none of the headers and pass.
#include "http/error_texts.hpp"
#include "http/request.hpp"

#include <string_view>

namespace mmsgate {

// True when Sec-Fetch-Site says cross-site, or the request's Origin (else its Referer's origin) is
// not `configured_origin` exactly: scheme, host and port, compared as browsers serialise origins.
// When the configured host is a loopback name (a local start), the other loopback names with the
// same scheme and port count as the same site (http://localhost:3000 and http://127.0.0.1:3000).
[[nodiscard]] bool is_cross_site_request(Request const& request, std::string_view configured_origin);

// The comparison above for one origin or URL.
[[nodiscard]] bool is_same_origin(std::string_view origin_or_url, std::string_view configured_origin);

}
