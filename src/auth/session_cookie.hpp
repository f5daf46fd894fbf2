#pragma once
// The session cookie as NextAuth v4's SessionStore handles it: a token longer than 3933 characters is
// split into <name>.0, <name>.1, …; reading concatenates every cookie whose name starts with <name>.
// Writing also deletes (Max-Age=0) each session cookie or chunk the request carried and that is not
// rewritten, so switching between chunked and whole cookies leaves nothing stale behind.
#include "auth/cookies.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

// next-auth v4: 4096 bytes allowed per cookie minus an estimated 163 for name and attributes.
inline constexpr std::size_t kSessionCookieChunkSize = 3933;

// The token the request carries, or "" when it has no session cookie.
[[nodiscard]] std::string read_session_token(RequestCookies const& request_cookies, std::string_view cookie_name);

// The Set-Cookie list that stores `token` (Expires = `expires`, other attributes from `attributes`):
// first one entry per session cookie the request carried (a deletion, or the new value when the name
// is rewritten), then the new names, as SessionStore.chunk() orders them.
[[nodiscard]] std::vector<SetCookie> write_session_token(RequestCookies const& request_cookies,
    std::string_view cookie_name, std::string_view token, CookieAttributes const& attributes, Millis expires);

// Deletions for every session cookie or chunk the request carried (sign-out, undecodable token).
[[nodiscard]] std::vector<SetCookie> clear_session_token(RequestCookies const& request_cookies,
    std::string_view cookie_name, CookieAttributes const& attributes);

}
