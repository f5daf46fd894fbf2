#pragma once
// What the seed app's NextAuth configuration keeps in a session: the token claims written at login
// (credentials provider + its jwt callback) and the GET/POST /api/auth/session body built from them.
#include "auth/token_claims.hpp"
#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace mmsgate {

struct SessionUser {
    std::string id;
    std::optional<std::string> name; // the User row's nullable columns
    std::optional<std::string> email;
    std::optional<std::string> image;
};

// {"name","email","picture","sub","id"}, in that order (null for a NULL column), as next-auth builds
// {name, email, picture: image, sub: id} and the seed's jwt callback then sets id (and email in place).
// Encode adds iat, exp and jti after them.
[[nodiscard]] Claims session_claims_for(SessionUser const& user);

// {"user":{"name","email","image","id"},"expires":"<now + max_age, ISO-8601 ms Z>"}, the bytes next-auth
// answers: user.image comes from the picture claim; a claim the token lacks is left out, a null
// claim stays null.
// `role` (the account's, read from the database, never from the token) is added as user.role when given.
[[nodiscard]] std::string session_response_body(
    Claims const& token, Millis now, std::int64_t max_age_seconds, std::string_view role = {});

// The user id a decoded token stands for: the seed's "id" claim, else NextAuth's own "sub".
[[nodiscard]] std::optional<std::string> session_user_id(Claims const& token);

}
