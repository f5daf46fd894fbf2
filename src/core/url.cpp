#include "core/url.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace mmsgate {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

bool is_private_ipv4(std::array<unsigned char, 4> const& a)
{
    return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254)
        || (a[0] == 172 && a[1] >= 16 && a[1] <= 31) || (a[0] == 192 && a[1] == 168)
        || (a[0] == 100 && a[1] >= 64 && a[1] <= 127) || a[0] >= 224;
}

}

std::string Url::origin() const
{
    std::string out = scheme + "://" + host;
    if (port)
        out += ":" + std::to_string(*port);
    return out;
}

std::string Url::without_query() const { return origin() + path; }

std::optional<Url> parse_http_url(std::string_view text)
{
    auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos)
        return std::nullopt;
    Url url;
    url.scheme = lower(text.substr(0, scheme_end));
    if (url.scheme != "http" && url.scheme != "https")
        return std::nullopt;
    auto rest = text.substr(scheme_end + 3);
    for (char c : text) {
        if (std::iscntrl(static_cast<unsigned char>(c)) || c == ' ')
            return std::nullopt;
    }
    auto authority_end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, authority_end);
    rest = authority_end == std::string_view::npos ? std::string_view {} : rest.substr(authority_end);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        url.user_info = std::string(authority.substr(0, at));
        authority = authority.substr(at + 1);
    }
    std::string_view port_text;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        url.host = lower(authority.substr(0, close + 1));
        auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return std::nullopt;
            port_text = after.substr(1);
        }
    } else {
        auto colon = authority.rfind(':');
        url.host = lower(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            port_text = authority.substr(colon + 1);
    }
    if (url.host.empty() || url.host == "[]")
        return std::nullopt;
    if (!port_text.empty()) {
        unsigned value = 0;
        auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (error != std::errc {} || end != port_text.data() + port_text.size() || value == 0 || value > 65535)
            return std::nullopt;
        url.port = std::uint16_t(value);
    }
    auto fragment = rest.find('#');
    rest = rest.substr(0, fragment);
    auto query_start = rest.find('?');
    url.path = std::string(rest.substr(0, query_start));
    if (url.path.empty())
        url.path = "/";
    if (query_start != std::string_view::npos)
        url.query = std::string(rest.substr(query_start + 1));
    return url;
}

bool is_private_or_local_host(std::string_view host_text)
{
    auto host = lower(host_text);
    if (host.ends_with('.'))
        host.pop_back();
    if (host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local") || host.ends_with(".internal")
        || (host.find('.') == std::string::npos && !host.starts_with('[')))
        return true;
    if (host.starts_with('[') && host.ends_with(']')) {
        auto literal = host.substr(1, host.size() - 2);
        std::array<unsigned char, 16> bytes {};
        if (inet_pton(AF_INET6, literal.c_str(), bytes.data()) != 1)
            return true;
        bool unspecified_or_loopback = std::all_of(bytes.begin(), bytes.begin() + 15, [](auto b) { return b == 0; })
            && (bytes[15] == 0 || bytes[15] == 1);
        bool unique_local = (bytes[0] & 0xfe) == 0xfc;
        bool link_local = bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80;
        bool v4_mapped = std::all_of(bytes.begin(), bytes.begin() + 10, [](auto b) { return b == 0; })
            && bytes[10] == 0xff && bytes[11] == 0xff;
        if (v4_mapped)
            return is_private_ipv4({ bytes[12], bytes[13], bytes[14], bytes[15] });
        return unspecified_or_loopback || unique_local || link_local || bytes[0] == 0xff;
    }
    std::array<unsigned char, 4> v4 {};
    if (inet_pton(AF_INET, host.c_str(), v4.data()) == 1)
        return is_private_ipv4(v4);
    // Digits and dots that inet_pton refused ("127.1", "0x7f.1") are still read as addresses by
    // some resolvers, so such a host is never trusted.
    if (std::ranges::all_of(host, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'x'; }))
        return true;
    return false;
}

}
