#pragma once
// Cookies as NextAuth reads and writes them (the `cookie` package 0.7.2 that next-auth 4.24.15 uses), and
// the names NextAuth v4 gives its cookies. Values are percent-decoded when read and encodeURIComponent-
// encoded when written, so "a|b" travels as "a%7Cb".
#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mmsgate {

// Name/value pairs in header order; a repeated name keeps its first value, as `cookie.parse` does.
using RequestCookies = std::vector<std::pair<std::string, std::string>>;

// Parses a Cookie header ("a=1; b=2"). Whitespace around names and values is trimmed, a value in double
// quotes loses them, a value with '%' is percent-decoded unless that fails (then it stays as sent).
// Requests with several Cookie headers: join them with "; " first.
[[nodiscard]] RequestCookies parse_cookie_header(std::string_view header);
[[nodiscard]] std::optional<std::string> find_cookie(RequestCookies const& cookies, std::string_view name);

enum class SameSite { Lax, Strict, None };

struct CookieAttributes {
    std::string path = "/";
    std::optional<std::int64_t> max_age_seconds;
    std::optional<Millis> expires; // written as an HTTP-date, whole seconds
    bool http_only = true;
    bool secure = false;
    SameSite same_site = SameSite::Lax;
};

struct SetCookie {
    std::string name;
    std::string value; // not yet encoded
    CookieAttributes attributes;

    // The Set-Cookie header value, attributes in the `cookie` package's order:
    // "name=value; Max-Age=0; Path=/; Expires=…; HttpOnly; Secure; SameSite=Lax".
    [[nodiscard]] std::string header_value() const;
};

// NextAuth's secure mode: on when the configured NEXTAUTH_URL is https, and it changes every cookie name.
enum class CookieSecurity { Plain, Secure };

[[nodiscard]] CookieSecurity cookie_security_for(std::string_view nextauth_url);

struct NextAuthCookieNames {
    std::string session_token; // next-auth.session-token / __Secure-next-auth.session-token
    std::string csrf_token; // next-auth.csrf-token / __Host-next-auth.csrf-token
    std::string callback_url; // next-auth.callback-url / __Secure-next-auth.callback-url
};

[[nodiscard]] NextAuthCookieNames nextauth_cookie_names(CookieSecurity security);

// The attributes every NextAuth cookie has: Path=/, HttpOnly, SameSite=Lax, and Secure in secure mode.
// csrf and callback-url cookies use them as they are (browser-session cookies).
[[nodiscard]] CookieAttributes nextauth_cookie_attributes(CookieSecurity security);

}
