#pragma once
// NextAuth v4 session tokens (next-auth 4.24.15 `next-auth/jwt` encode/decode): the JWT claims encrypted
// as a compact JWE with alg "dir" and enc "A256GCM" under HKDF-SHA256(secret, "", "NextAuth.js Generated
// Encryption Key", 32). Tokens are interchangeable with a NextAuth v4 app that shares the secret.
// A codec derives its key once; it is immutable and safe to share between threads.
#include "auth/aes_gcm.hpp"
#include "auth/token_claims.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mmsgate {

// next-auth's default session.maxAge and jwt.maxAge: 30 days.
inline constexpr std::int64_t kSessionMaxAgeSeconds = 30 * 24 * 60 * 60;

class SessionTokenCodec {
public:
    explicit SessionTokenCodec(std::string_view secret);
    ~SessionTokenCodec();
    SessionTokenCodec(SessionTokenCodec const&) = default;
    SessionTokenCodec& operator=(SessionTokenCodec const&) = default;

    // As next-auth's encode: sets iat = now, exp = now + max_age and jti = a random UUID v4 (keys that
    // exist keep their position, new ones are appended in that order), then encrypts under a random IV.
    // `claims` must be a JSON object (anything else is a programming error: std::invalid_argument).
    [[nodiscard]] std::string encode(Claims claims, std::int64_t now_seconds, std::int64_t max_age_seconds) const;
    // The same, leaving in `claims` what was encoded (with iat, exp and jti).
    [[nodiscard]] std::string encode_updating(Claims& claims, std::int64_t now_seconds, std::int64_t max_age_seconds) const;

    // The compact JWE of exactly `plaintext` under a 12-byte `iv`: deterministic, for byte-exact vectors.
    [[nodiscard]] std::string encrypt(std::string_view plaintext, std::string_view iv) const;

    // As next-auth's decode: the protected header must be exactly {"alg":"dir","enc":"A256GCM"}, then
    // the claims checks of parse_token_claims. Every failure is Unauthenticated; the detail says why.
    [[nodiscard]] Result<Claims> decode(std::string_view token, std::int64_t now_seconds) const;

private:
    AesGcmKey m_key {};
};

}
