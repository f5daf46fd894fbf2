#include "auth/cookies.hpp"

#include "core/encoding.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF): what decodeURIComponent
// insists the escaped bytes form.
bool is_valid_utf8(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
        if (length == 0 || i + length > text.size())
            return false;
        std::uint32_t code_point = length == 1 ? lead : lead & (0xff >> (length + 1));
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80)
                return false;
            code_point = (code_point << 6) | (next & 0x3f);
        }
        constexpr std::uint32_t kSmallest[] = { 0, 0, 0x80, 0x800, 0x10000 };
        if (code_point < kSmallest[length] || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff))
            return false;
        i += length;
    }
    return true;
}

// The `cookie` package decodes with decodeURIComponent only when the value holds a '%', and keeps the
// raw value when decoding throws (a stray '%', or escapes that are not UTF-8).
std::string decode_cookie_value(std::string_view value)
{
    if (value.find('%') == std::string_view::npos)
        return std::string(value);
    for (std::size_t i = value.find('%'); i != std::string_view::npos; i = value.find('%', i + 1)) {
        if (i + 2 >= value.size() || !is_hex_digit(value[i + 1]) || !is_hex_digit(value[i + 2]))
            return std::string(value);
    }
    auto decoded = url_decode(value);
    if (!is_valid_utf8(decoded))
        return std::string(value);
    return decoded;
}

char const* same_site_text(SameSite same_site)
{
    switch (same_site) {
    case SameSite::Lax: return "Lax";
    case SameSite::Strict: return "Strict";
    case SameSite::None: return "None";
    }
    return "Lax";
}

}

RequestCookies parse_cookie_header(std::string_view header)
{
    // A port of cookie@0.7.2 parse(): its index juggling decides which pairs survive malformed input.
    RequestCookies cookies;
    std::size_t index = 0;
    auto const length = header.size();
    if (length < 2)
        return cookies;
    do {
        auto equals = header.find('=', index);
        if (equals == std::string_view::npos)
            break;
        auto end = header.find(';', index);
        if (end == std::string_view::npos) {
            end = length;
        } else if (equals > end) {
            // A segment without '=': resume at the segment that holds this '='.
            index = header.rfind(';', equals - 1) + 1;
            continue;
        }
        auto name = trim_blanks(header.substr(index, equals - index));
        if (!find_cookie(cookies, name)) {
            auto value = trim_blanks(header.substr(equals + 1, end - equals - 1));
            if (!value.empty() && value.front() == '"' && value.back() == '"')
                value = value.size() >= 2 ? value.substr(1, value.size() - 2) : std::string_view {};
            cookies.emplace_back(std::string(name), decode_cookie_value(value));
        }
        index = end + 1;
    } while (index < length);
    return cookies;
}

std::optional<std::string> find_cookie(RequestCookies const& cookies, std::string_view name)
{
    // Cookies and form fields are the same list of name-value pairs, and the first one named wins.
    return form_value(cookies, name);
}

std::string SetCookie::header_value() const
{
    auto out = name + "=" + url_encode_component(value);
    if (attributes.max_age_seconds)
        out += fmt::format("; Max-Age={}", *attributes.max_age_seconds);
    if (!attributes.path.empty())
        out += "; Path=" + attributes.path;
    if (attributes.expires)
        out += "; Expires=" + format_http_date(*attributes.expires);
    if (attributes.http_only)
        out += "; HttpOnly";
    if (attributes.secure)
        out += "; Secure";
    out += "; SameSite=";
    out += same_site_text(attributes.same_site);
    return out;
}

CookieSecurity cookie_security_for(std::string_view nextauth_url)
{
    return nextauth_url.starts_with("https://") ? CookieSecurity::Secure : CookieSecurity::Plain;
}

NextAuthCookieNames nextauth_cookie_names(CookieSecurity security)
{
    // next-auth src/core/lib/cookie.ts defaultCookies(): "__Host-" needs Path=/ and no Domain, which
    // only the csrf cookie can promise.
    if (security == CookieSecurity::Secure)
        return { "__Secure-next-auth.session-token", "__Host-next-auth.csrf-token", "__Secure-next-auth.callback-url" };
    return { "next-auth.session-token", "next-auth.csrf-token", "next-auth.callback-url" };
}

CookieAttributes nextauth_cookie_attributes(CookieSecurity security)
{
    CookieAttributes attributes;
    attributes.secure = security == CookieSecurity::Secure;
    return attributes;
}

}
