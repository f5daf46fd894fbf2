#pragma once
// NextAuth's double-submit CSRF cookie (next-auth 4.24.15 src/core/lib/csrf-token.ts): the cookie holds
// "<token>|<sha256hex(token + secret)>", the client echoes <token> in the body field csrfToken.
// The hash proves the server minted the cookie; the echo proves the page could read /api/auth/csrf.
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

struct CsrfCookie {
    std::string token; // 64 lower-case hex characters, what GET /csrf returns
    std::string cookie_value; // "<token>|<hash>", before the cookie's percent-encoding
};

// Lower-case hex SHA-256 of the token immediately followed by the secret (no separator, not an HMAC).
[[nodiscard]] std::string csrf_hash(std::string_view token, std::string_view secret);

// A fresh token from 32 random bytes, and its cookie value.
[[nodiscard]] CsrfCookie mint_csrf(std::string_view secret);

// The token of a (percent-decoded) cookie value whose hash matches, else empty: then mint a new one.
// As next-auth splits on '|': the token is before the first '|', the hash up to the next one.
[[nodiscard]] std::optional<std::string> verified_csrf_token(std::string_view cookie_value, std::string_view secret);

// Whether the body's csrfToken is the cookie's verified token. Constant-time; empty never matches.
[[nodiscard]] bool csrf_matches(std::string_view cookie_token, std::string_view body_token);

}
