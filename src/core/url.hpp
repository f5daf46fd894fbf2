#pragma once
// The one URL parser for http(s) URLs, following the WHATWG URL Standard's rules for special
// schemes, which is what browsers do: what this parser says a URL's origin is, a browser agrees.
// So: tabs and newlines are removed, leading/trailing spaces and controls trimmed, `\` is a `/`,
// the host ends at `/`, `\`, `?` or `#` and after the last `@` (userinfo before it), hosts are
// lower-cased, IPv4 in any number form (`0x7f.1`, `2130706433`) becomes dotted decimal, IPv6 is
// compressed, and the scheme's default port is dropped. Deliberate refusals where a browser would
// go on: non-ASCII hosts (no IDNA here) and percent-encoded hosts.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

struct Url {
    std::string scheme; // "http" or "https"
    std::string user_info; // empty unless the URL had "user:pass@"
    std::string host; // normalised as above; an IPv6 literal keeps its brackets: "[::1]"
    std::string written_host; // the host as the text had it (for messages and stricter checks)
    std::optional<std::uint16_t> port; // only when not the scheme's default
    std::string path; // "/" when the URL had none; backslashes become slashes, nothing else changes
    std::string query; // without the '?'

    [[nodiscard]] std::uint16_t effective_port() const { return port.value_or(scheme == "https" ? 443 : 80); }
    // "scheme://host[:port]", the URL's origin as browsers serialise it.
    [[nodiscard]] std::string origin() const;
    // "host[:port]", what a Host header for this URL says.
    [[nodiscard]] std::string authority() const;
    // scheme://host[:port]/path, without the query.
    [[nodiscard]] std::string without_query() const;
    // scheme://host[:port]/path[?query] rebuilt from the parsed parts, without user-info. Give this,
    // never the raw text, to a client that parses URLs itself (libcurl reads `\` and `@` differently).
    [[nodiscard]] std::string request_url() const;
};

// Accepts only absolute http:// and https:// URLs with a valid host.
[[nodiscard]] std::optional<Url> parse_http_url(std::string_view text);

// A Host header (or any "host[:port]" text) read as the authority of a `scheme` URL: nothing but
// a host and an optional port, else nullopt.
[[nodiscard]] std::optional<Url> parse_authority(std::string_view authority, std::string_view scheme);

// The origin of a URL ("https://example.com"), or nullopt when it is not an http(s) URL.
[[nodiscard]] std::optional<std::string> origin_of(std::string_view url);

// True for hosts that only this machine or its private network can reach: localhost names,
// single-label and .local/.internal names, and every special-purpose address
// (core/ip_address_ranges.hpp), including IPv4 embedded in IPv6.
[[nodiscard]] bool is_private_or_local_host(std::string_view host);

// True for the names of this machine's loopback interface: localhost, 127.0.0.0/8, [::1] (core/ip_range's
// is_loopback), and IPv6 literals that embed a 127.0.0.0/8 address.
[[nodiscard]] bool is_loopback_host(std::string_view host);

}
