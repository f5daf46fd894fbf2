#include "auth/token_claims.hpp"

namespace mmsgate {

std::unexpected<Error> invalid_token(std::string detail)
{
    return fail(ErrorCode::Unauthenticated, "invalid session token", std::move(detail));
}

Result<Claims> parse_token_claims(std::string_view plaintext, std::int64_t now_seconds)
{
    // No exceptions on the request path: a malformed payload is a value, not a throw.
    auto claims = Claims::parse(plaintext, nullptr, false);
    if (claims.is_discarded())
        return invalid_token("payload is not JSON");
    if (!claims.is_object())
        return invalid_token("JWT Claims Set must be a top-level JSON object");
    if (auto times = check_claim_times(claims, now_seconds); !times)
        return std::unexpected(std::move(times.error()));
    return claims;
}

Result<void> check_claim_times(Claims const& claims, std::int64_t now_seconds)
{
    // jose compares JavaScript numbers; doubles hold every timestamp exactly.
    auto const now = double(now_seconds);
    auto const tolerance = double(kClockToleranceSeconds);
    if (auto iat = claims.find("iat"); iat != claims.end() && !iat->is_number())
        return invalid_token("\"iat\" claim must be a number");
    if (auto nbf = claims.find("nbf"); nbf != claims.end()) {
        if (!nbf->is_number())
            return invalid_token("\"nbf\" claim must be a number");
        if (nbf->get<double>() > now + tolerance)
            return invalid_token("\"nbf\" claim timestamp check failed");
    }
    if (auto exp = claims.find("exp"); exp != claims.end()) {
        if (!exp->is_number())
            return invalid_token("\"exp\" claim must be a number");
        if (exp->get<double>() <= now - tolerance)
            return invalid_token("\"exp\" claim timestamp check failed (expired)");
    }
    return {};
}

std::string serialize_claims(Claims const& claims)
{
    // Invalid UTF-8 can only come from a caller's string; JavaScript would have turned it into U+FFFD too.
    return claims.dump(-1, ' ', false, Claims::error_handler_t::replace);
}

}
