#pragma once
// The JWT claim checks next-auth's decode gets from jose's jwtDecrypt (clockTolerance 15 s), shared by
// the v4 and v5 token decoders. Claims keep the key order they were written in.
#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mmsgate {

// Insertion-ordered because NextAuth's payload order (name, email, picture, sub, custom…, iat, exp, jti)
// survives every re-encode: a plain nlohmann::json would re-sort the keys alphabetically.
using Claims = nlohmann::ordered_json;

inline constexpr std::int64_t kClockToleranceSeconds = 15;

// Parses a decrypted payload: a top-level JSON object whose iat/exp/nbf, when present, are numbers, with
// exp > now - 15 and nbf <= now + 15. Any failure is Unauthenticated with the reason in the detail.
[[nodiscard]] Result<Claims> parse_token_claims(std::string_view plaintext, std::int64_t now_seconds);

// The time checks of parse_token_claims alone, for claims parsed before (a cached token).
[[nodiscard]] Result<void> check_claim_times(Claims const& claims, std::int64_t now_seconds);

// The error every token failure becomes: Unauthenticated, the same message for the client whatever the
// reason, and the reason in the detail for debug logs.
[[nodiscard]] std::unexpected<Error> invalid_token(std::string detail);

// The exact bytes jose's JSON.stringify would produce for these claims (no spaces, UTF-8 kept).
[[nodiscard]] std::string serialize_claims(Claims const& claims);

}
