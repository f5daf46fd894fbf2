#include "messaging/send/media_url.hpp"

#include "core/url.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace mmsgate {

namespace {

constexpr std::string_view kExample = "such as https://example.com/photo.jpg";

bool is_scheme_character(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-'
        || c == '.';
}

// The scheme before the first ':' (RFC 3986 section 3.1), or empty when there is none.
std::string_view scheme_of(std::string_view url)
{
    auto colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return {};
    auto scheme = url.substr(0, colon);
    bool starts_with_letter = (scheme[0] >= 'a' && scheme[0] <= 'z') || (scheme[0] >= 'A' && scheme[0] <= 'Z');
    if (!starts_with_letter || !std::ranges::all_of(scheme, is_scheme_character))
        return {};
    // "example.com:8080/photo.jpg" is a host and a port, not a scheme.
    auto after = url.substr(colon + 1);
    if (!after.empty() && after[0] >= '0' && after[0] <= '9')
        return {};
    return scheme;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return std::ranges::equal(a, b, [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

bool is_host_name_character(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

// URL parsers that follow the WHATWG URL standard ("ends in a number") read a host whose last label is
// numeric ("2130706433", "0x7f.1", "127.000.0.1") as an IPv4 address. Only the plain dotted form can be
// checked for privacy with certainty, so the other forms are refused.
bool is_unusual_numeric_host(std::string_view host)
{
    if (host.ends_with('.'))
        host.remove_suffix(1);
    auto last_label = host.substr(host.rfind('.') + 1);
    bool decimal = !last_label.empty() && std::ranges::all_of(last_label, [](char c) { return c >= '0' && c <= '9'; });
    bool hexadecimal = last_label.starts_with("0x");
    if (!decimal && !hexadecimal)
        return false;
    std::array<unsigned char, 4> address {};
    return inet_pton(AF_INET, std::string(host).c_str(), address.data()) != 1;
}

}

Result<void> validate_media_url(std::string_view url, MediaUrlSource source)
{
    auto label = source.index ? fmt::format("{}[{}]", source.field, *source.index) : std::string(source.field);
    auto error = [&](std::string message) { return fail_field(std::string(source.field), std::move(message)); };

    if (url.empty())
        return error(fmt::format("{} is empty; give the full address of the media, {}", label, kExample));
    if (url.size() > kMaxMediaUrlLength)
        return error(fmt::format("{} is {} characters long; a media URL can be at most {} characters", label,
            url.size(), kMaxMediaUrlLength));
    for (char c : url) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f)
            return error(fmt::format(
                "{} contains a space or a control character; write a space as %20 and remove line breaks", label));
        if (byte >= 0x80)
            return error(fmt::format("{} contains non-ASCII characters; percent-encode them (copying the address "
                                     "from a browser's address bar does this)",
                label));
    }

    // WHATWG parsers (browsers) end the host at a backslash, RFC 3986 ones (curl, many fetchers) do
    // not: "http://evil.example\\@127.0.0.1/" is a different host to each. No media URL needs one.
    if (url.find('\\') != std::string_view::npos)
        return error(fmt::format("{} contains a backslash (\\), which web servers read in different ways; use / in "
                                 "the path and percent-encode it (%5C) elsewhere",
            label));

    auto scheme = scheme_of(url);
    if (scheme.empty())
        return error(fmt::format(
            "{} is not a full address; it must start with https:// and a host name, {}", label, kExample));
    if (!equals_ignoring_case(scheme, "http") && !equals_ignoring_case(scheme, "https"))
        return error(fmt::format("{} starts with \"{}:\", but Plivo fetches media over the web: use an https:// "
                                 "(or http://) address, {}",
            label, scheme, kExample));
    if (!url.substr(scheme.size()).starts_with("://"))
        return error(fmt::format("{} must have two slashes after \"{}:\", {}", label, scheme, kExample));
    // WHATWG reads "https:///a.png" as the host a.png; nobody means that.
    auto parsed = url.substr(scheme.size() + 3).starts_with('/') ? std::nullopt : parse_http_url(url);
    if (!parsed)
        return error(fmt::format(
            "{} is not a valid web address; check the part after {}://, which must be a host name and an optional "
            "port, {}",
            label, scheme, kExample));
    if (!parsed->user_info.empty())
        return error(fmt::format("{} contains a user name or password (the part before '@'); Plivo can only fetch "
                                 "media that needs no login, so remove it",
            label));

    auto const& host = parsed->host;
    bool ipv6_literal = host.starts_with('[');
    if (!ipv6_literal && !std::ranges::all_of(host, is_host_name_character))
        return error(fmt::format("{} has the host \"{}\", which contains characters a host name cannot have; write "
                                 "an internationalised name in its xn-- form",
            label, host));
    if (!ipv6_literal && is_unusual_numeric_host(parsed->written_host))
        return error(fmt::format("{} writes the address \"{}\" in an unusual numeric form; use a host name or a "
                                 "dotted address such as 203.0.113.7",
            label, parsed->written_host));
    if (is_private_or_local_host(host))
        return error(fmt::format("{} points to \"{}\", a local or private address that Plivo cannot reach; the media "
                                 "must be on a public web server",
            label, host));
    return {};
}

}
