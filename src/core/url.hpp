#pragma once
// A small parser for absolute http(s) URLs: enough to validate configuration and media URLs and to
// rebuild the exact URL Plivo signs. It does not normalise: what was given is what is kept.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

struct Url {
    std::string scheme; // lower-case, "http" or "https"
    std::string user_info; // empty unless the URL had "user:pass@"
    std::string host; // as written; an IPv6 literal keeps its brackets
    std::optional<std::uint16_t> port; // only when written explicitly
    std::string path; // "/" when the URL had none
    std::string query; // without the '?'

    [[nodiscard]] std::uint16_t effective_port() const { return port.value_or(scheme == "https" ? 443 : 80); }
    // "https://host[:port]", the form NextAuth calls the origin.
    [[nodiscard]] std::string origin() const;
    // scheme://host[:port]/path, without the query.
    [[nodiscard]] std::string without_query() const;
};

// Accepts only absolute http:// and https:// URLs with a host.
[[nodiscard]] std::optional<Url> parse_http_url(std::string_view text);

// True for hosts that only this machine or its private network can reach: localhost names,
// loopback, private (RFC 1918, RFC 4193), link-local, unspecified and CGNAT ranges.
[[nodiscard]] bool is_private_or_local_host(std::string_view host);

}
