#pragma once
// Reads Auth.js v5 session tokens (@auth/core 0.41.3 `decode`): compact JWE, alg "dir", enc
// "A256CBC-HS512" (or "A256GCM"), key HKDF-SHA256(secret, salt = cookie name, "Auth.js Generated
// Encryption Key (<salt>)", 64 or 32), optional kid = RFC 7638 thumbprint of that key. Decode only:
// mmsgate speaks v4, this lets a deployment read sessions minted by a v5 app. Thread-safe.
#include "auth/token_claims.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mmsgate {

class AuthJsTokenDecoder {
public:
    // `salt` is the session cookie name the token was minted for ("authjs.session-token" or
    // "__Secure-authjs.session-token"): a token only opens under the name it was written to.
    AuthJsTokenDecoder(std::string_view secret, std::string_view salt);
    ~AuthJsTokenDecoder();
    AuthJsTokenDecoder(AuthJsTokenDecoder const&) = default;
    AuthJsTokenDecoder& operator=(AuthJsTokenDecoder const&) = default;

    // Same claim checks as the v4 decoder (clock tolerance 15 s). Failures are Unauthenticated.
    [[nodiscard]] Result<Claims> decode(std::string_view token, std::int64_t now_seconds) const;

    // The kid Auth.js writes into its header for this secret and salt (64-byte key, SHA-512 thumbprint).
    [[nodiscard]] std::string const& key_id() const { return m_cbc_key_id; }

private:
    std::string m_cbc_key; // 64 bytes: HMAC-SHA-512 key, then AES-256-CBC key
    std::string m_cbc_key_id;
    std::string m_gcm_key; // 32 bytes
    std::string m_gcm_key_id;
};

}
