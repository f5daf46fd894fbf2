#include "core/url.hpp"

#include "core/ip_address_ranges.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace mmsgate {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_tab_or_newline(char c) { return c == '\t' || c == '\n' || c == '\r'; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string lower(std::string_view text)
{
    std::string out(text);
    std::ranges::transform(out, out.begin(), to_lower);
    return out;
}

// WHATWG "forbidden domain code point": C0 controls, space, # % / : < > ? @ [ \ ] ^ | and DEL.
// '%' is on the list because this parser does not percent-decode hosts.
bool is_forbidden_in_domain(char c)
{
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f)
        return true;
    return std::string_view("#%/:<>?@[\\]^|").find(c) != std::string_view::npos;
}

// WHATWG "IPv4 number parser": decimal, 0x hexadecimal or 0-prefixed octal.
std::optional<std::uint64_t> parse_ipv4_number(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    unsigned radix = 10;
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        radix = 16;
        text.remove_prefix(2);
    } else if (text.size() >= 2 && text[0] == '0') {
        radix = 8;
        text.remove_prefix(1);
    }
    std::uint64_t value = 0;
    for (char c : text) {
        unsigned digit = 0;
        if (is_ascii_digit(c))
            digit = unsigned(c - '0');
        else if (radix == 16 && to_lower(c) >= 'a' && to_lower(c) <= 'f')
            digit = unsigned(to_lower(c) - 'a' + 10);
        else
            return std::nullopt;
        if (digit >= radix)
            return std::nullopt;
        value = value * radix + digit;
        if (value > 0xffffffffULL * 256) // far past any valid part: stop before overflowing
            return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> split_labels(std::string_view host)
{
    std::vector<std::string_view> labels;
    std::size_t start = 0;
    while (true) {
        auto dot = host.find('.', start);
        labels.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    // One trailing dot ("127.0.0.1.") is allowed and ignored.
    if (labels.size() > 1 && labels.back().empty())
        labels.pop_back();
    return labels;
}

// WHATWG "ends in a number checker": such a host must parse as IPv4 or the URL is invalid.
bool ends_in_a_number(std::string_view host)
{
    auto last = split_labels(host).back();
    if (!last.empty() && std::ranges::all_of(last, is_ascii_digit))
        return true;
    return last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') && parse_ipv4_number(last).has_value();
}

// WHATWG "IPv4 parser", serialised as dotted decimal.
std::optional<std::string> parse_ipv4_host(std::string_view host)
{
    auto parts = split_labels(host);
    if (parts.size() > 4)
        return std::nullopt;
    std::vector<std::uint64_t> numbers;
    for (auto part : parts) {
        auto number = parse_ipv4_number(part);
        if (!number)
            return std::nullopt;
        numbers.push_back(*number);
    }
    for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
        if (numbers[i] > 255)
            return std::nullopt;
    }
    if (numbers.back() >= (std::uint64_t(1) << (8 * (5 - numbers.size()))))
        return std::nullopt;
    std::uint64_t address = numbers.back();
    for (std::size_t i = 0; i + 1 < numbers.size(); ++i)
        address += numbers[i] << (8 * (3 - i));
    return std::to_string((address >> 24) & 0xff) + "." + std::to_string((address >> 16) & 0xff) + "."
        + std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

// WHATWG "IPv6 serializer": lower-case hex, the first longest run of two or more zero pieces as "::".
std::string serialize_ipv6(Ipv6Address const& address)
{
    std::array<unsigned, 8> pieces {};
    for (std::size_t i = 0; i < 8; ++i)
        pieces[i] = unsigned(address[2 * i]) << 8 | address[2 * i + 1];
    int best_start = -1;
    int best_length = 1;
    for (int i = 0; i < 8;) {
        if (pieces[std::size_t(i)] != 0) {
            ++i;
            continue;
        }
        int start = i;
        while (i < 8 && pieces[std::size_t(i)] == 0)
            ++i;
        if (i - start > best_length) {
            best_start = start;
            best_length = i - start;
        }
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 8; ++i) {
        if (i == best_start) {
            out += i == 0 ? "::" : ":";
            i += best_length - 1;
            continue;
        }
        auto piece = pieces[std::size_t(i)];
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            auto digit = (piece >> shift) & 0xf;
            if (digit != 0 || started || shift == 0) {
                out += kHex[digit];
                started = true;
            }
        }
        if (i != 7)
            out += ':';
    }
    return out;
}

// WHATWG "host parser" for special schemes, ASCII only.
std::optional<std::string> parse_host(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    if (text.front() == '[') {
        if (text.size() < 3 || text.back() != ']')
            return std::nullopt;
        auto literal = parse_ip_literal(text);
        if (!literal || !literal->v6 || text.find('%') != std::string_view::npos)
            return std::nullopt;
        return "[" + serialize_ipv6(*literal->v6) + "]";
    }
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80 || is_forbidden_in_domain(c))
            return std::nullopt;
    }
    auto host = lower(text);
    if (ends_in_a_number(host))
        return parse_ipv4_host(host);
    return host;
}

struct Authority {
    std::string_view user_info;
    std::string_view host;
    std::string_view port;
};

// Splits "user@host:port": userinfo ends at the last '@'; the port starts at the first ':' outside
// brackets. Returns nullopt when the port has anything but digits.
std::optional<Authority> split_authority(std::string_view authority)
{
    Authority parts;
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        parts.user_info = authority.substr(0, at);
        authority = authority.substr(at + 1);
    }
    bool inside_brackets = false;
    std::size_t colon = std::string_view::npos;
    for (std::size_t i = 0; i < authority.size() && colon == std::string_view::npos; ++i) {
        if (authority[i] == '[')
            inside_brackets = true;
        else if (authority[i] == ']')
            inside_brackets = false;
        else if (authority[i] == ':' && !inside_brackets)
            colon = i;
    }
    parts.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
        parts.port = authority.substr(colon + 1);
        if (!std::ranges::all_of(parts.port, is_ascii_digit))
            return std::nullopt;
    }
    return parts;
}

// Fills scheme-independent parts of `url` from "user@host:port".
bool read_authority(std::string_view authority, Url& url)
{
    auto parts = split_authority(authority);
    if (!parts)
        return false;
    auto host = parse_host(parts->host);
    if (!host)
        return false;
    unsigned port = 0;
    for (char c : parts->port) {
        port = port * 10 + unsigned(c - '0');
        if (port > 65535)
            return false;
    }
    url.user_info = std::string(parts->user_info);
    url.written_host = std::string(parts->host);
    url.host = std::move(*host);
    // An empty port ("host:") and the scheme's default are no port.
    if (!parts->port.empty() && port != (url.scheme == "https" ? 443u : 80u))
        url.port = std::uint16_t(port);
    return true;
}

}

std::string Url::authority() const
{
    return port ? host + ":" + std::to_string(*port) : host;
}

std::string Url::origin() const { return scheme + "://" + authority(); }

std::string Url::without_query() const { return origin() + path; }

std::string Url::request_url() const { return without_query() + (query.empty() ? "" : "?" + query); }

std::optional<Url> parse_http_url(std::string_view text)
{
    // Leading and trailing C0 controls and spaces are trimmed, tabs and newlines anywhere removed.
    while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20)
        text.remove_prefix(1);
    while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20)
        text.remove_suffix(1);
    std::string input;
    input.reserve(text.size());
    for (char c : text) {
        if (!is_tab_or_newline(c))
            input += c;
    }
    std::string_view rest = input;

    if (rest.empty() || !is_ascii_alpha(rest.front()))
        return std::nullopt;
    auto colon = rest.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    Url url;
    url.scheme = lower(rest.substr(0, colon));
    if (url.scheme != "http" && url.scheme != "https")
        return std::nullopt;
    rest.remove_prefix(colon + 1);
    // Special schemes: any run of '/' and '\' before the authority is skipped ("http:\\\\host").
    while (!rest.empty() && (rest.front() == '/' || rest.front() == '\\'))
        rest.remove_prefix(1);

    auto authority_end = rest.find_first_of("/\\?#");
    if (!read_authority(rest.substr(0, authority_end), url))
        return std::nullopt;
    rest = authority_end == std::string_view::npos ? std::string_view {} : rest.substr(authority_end);

    rest = rest.substr(0, rest.find('#'));
    auto query_start = rest.find('?');
    url.path = std::string(rest.substr(0, query_start));
    std::ranges::replace(url.path, '\\', '/');
    if (url.path.empty())
        url.path = "/";
    if (query_start != std::string_view::npos)
        url.query = std::string(rest.substr(query_start + 1));
    return url;
}

std::optional<Url> parse_authority(std::string_view authority, std::string_view scheme)
{
    if (authority.empty() || authority.find_first_of("/\\?#@") != std::string_view::npos)
        return std::nullopt;
    for (char c : authority) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f)
            return std::nullopt;
    }
    auto url = parse_http_url(std::string(scheme) + "://" + std::string(authority));
    if (!url || !url->user_info.empty())
        return std::nullopt;
    return url;
}

std::optional<std::string> origin_of(std::string_view text)
{
    auto url = parse_http_url(text);
    if (!url)
        return std::nullopt;
    return url->origin();
}

bool is_loopback_host(std::string_view host_text)
{
    auto host = lower(host_text);
    if (host.ends_with('.'))
        host.pop_back();
    if (host == "localhost" || host.ends_with(".localhost"))
        return true;
    auto literal = parse_ip_literal(host);
    if (!literal)
        return false;
    if (literal->v4)
        return (*literal->v4)[0] == 127;
    if (is_loopback(*literal->v6))
        return true;
    auto v4 = embedded_ipv4(*literal->v6);
    return v4 && (*v4)[0] == 127;
}

bool is_private_or_local_host(std::string_view host_text)
{
    auto host = lower(host_text);
    if (host.ends_with('.'))
        host.pop_back();
    if (host.empty() || host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local")
        || host.ends_with(".internal"))
        return true;
    if (auto literal = parse_ip_literal(host))
        return (literal->v4 ? special_purpose_range(*literal->v4) : special_purpose_range(*literal->v6)).has_value();
    // A bracketed host that is not IPv6 (a zone id, garbage) is never trusted.
    if (host.starts_with('['))
        return true;
    if (host.find('.') == std::string::npos)
        return true;
    // Digits and dots that are not a dotted address ("127.1", "0x7f.1") are read as addresses by
    // WHATWG parsers and some resolvers, so such a host is never trusted.
    if (std::ranges::all_of(host, [](char c) { return is_ascii_digit(c) || c == '.' || c == 'x'; }))
        return true;
    return ends_in_a_number(host);
}

}
