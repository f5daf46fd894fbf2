#include "auth/session_cookie.hpp"

#include <algorithm>
#include <limits>

namespace mmsgate {

namespace {

// JavaScript's parseInt of the text after the last '.': leading blanks and a sign allowed, digits up to
// the first non-digit; NaN (no digits) is returned as nullopt.
std::optional<long long> chunk_index(std::string_view name)
{
    auto dot = name.rfind('.');
    auto suffix = dot == std::string_view::npos ? name : name.substr(dot + 1);
    std::size_t i = 0;
    while (i < suffix.size() && (suffix[i] == ' ' || suffix[i] == '\t' || suffix[i] == '\n'))
        ++i;
    bool negative = false;
    if (i < suffix.size() && (suffix[i] == '+' || suffix[i] == '-'))
        negative = suffix[i++] == '-';
    if (i == suffix.size() || suffix[i] < '0' || suffix[i] > '9')
        return std::nullopt;
    long long value = 0;
    for (; i < suffix.size() && suffix[i] >= '0' && suffix[i] <= '9'; ++i)
        value = std::min(value * 10 + (suffix[i] - '0'), std::numeric_limits<long long>::max() / 10);
    return negative ? -value : value;
}

std::vector<std::pair<std::string, std::string>> session_cookies_of(RequestCookies const& request_cookies,
    std::string_view cookie_name)
{
    std::vector<std::pair<std::string, std::string>> found;
    for (auto const& cookie : request_cookies) {
        if (std::string_view(cookie.first).starts_with(cookie_name))
            found.push_back(cookie);
    }
    return found;
}

SetCookie deletion(std::string name, CookieAttributes attributes)
{
    attributes.expires.reset();
    attributes.max_age_seconds = 0;
    return SetCookie { std::move(name), "", std::move(attributes) };
}

}

std::string read_session_token(RequestCookies const& request_cookies, std::string_view cookie_name)
{
    auto chunks = session_cookies_of(request_cookies, cookie_name);
    // next-auth sorts by parseInt(suffix) with a comparator that returns NaN for the unchunked name,
    // which JavaScript treats as "equal"; a stable sort with NaN as 0 gives the same order whenever the
    // cookies form one token (all chunks, or the bare name alone).
    std::ranges::stable_sort(chunks, [](auto const& a, auto const& b) {
        return chunk_index(a.first).value_or(0) < chunk_index(b.first).value_or(0);
    });
    std::string token;
    for (auto const& chunk : chunks)
        token += chunk.second;
    return token;
}

std::vector<SetCookie> write_session_token(RequestCookies const& request_cookies, std::string_view cookie_name,
    std::string_view token, CookieAttributes const& attributes, Millis expires)
{
    auto written = attributes;
    written.expires = expires;
    written.max_age_seconds.reset();

    std::vector<SetCookie> fresh;
    if (token.size() <= kSessionCookieChunkSize) {
        fresh.push_back(SetCookie { std::string(cookie_name), std::string(token), written });
    } else {
        for (std::size_t offset = 0, index = 0; offset < token.size(); offset += kSessionCookieChunkSize, ++index) {
            fresh.push_back(SetCookie { std::string(cookie_name) + "." + std::to_string(index),
                std::string(token.substr(offset, kSessionCookieChunkSize)), written });
        }
    }

    auto cookies = clear_session_token(request_cookies, cookie_name, attributes);
    for (auto& cookie : fresh) {
        auto existing = std::ranges::find(cookies, cookie.name, &SetCookie::name);
        if (existing != cookies.end())
            *existing = std::move(cookie);
        else
            cookies.push_back(std::move(cookie));
    }
    return cookies;
}

std::vector<SetCookie> clear_session_token(RequestCookies const& request_cookies, std::string_view cookie_name,
    CookieAttributes const& attributes)
{
    std::vector<SetCookie> deletions;
    for (auto& [name, value] : session_cookies_of(request_cookies, cookie_name))
        deletions.push_back(deletion(std::move(name), attributes));
    return deletions;
}

}
