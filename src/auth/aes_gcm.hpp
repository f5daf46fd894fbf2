#pragma once
// AES-256-GCM with a 96-bit IV and a 128-bit tag (JWE "A256GCM"), on OpenSSL contexts that each thread
// creates once and reuses: session tokens are sealed and opened on every authenticated request.
#include <array>
#include <string>
#include <string_view>

namespace mmsgate {

inline constexpr std::size_t kAesGcmKeyBytes = 32;
inline constexpr std::size_t kAesGcmIvBytes = 12;
inline constexpr std::size_t kAesGcmTagBytes = 16;

using AesGcmKey = std::array<unsigned char, kAesGcmKeyBytes>;

struct AesGcmSealed {
    std::string ciphertext;
    std::string tag;
};

// `iv` must be kAesGcmIvBytes long.
[[nodiscard]] AesGcmSealed aes256_gcm_seal(AesGcmKey const& key, std::string_view iv, std::string_view aad, std::string_view plaintext);
// False when the tag does not authenticate (wrong key, tampering) or the IV/tag sizes are wrong.
[[nodiscard]] bool aes256_gcm_open(AesGcmKey const& key, std::string_view iv, std::string_view aad, std::string_view ciphertext,
    std::string_view tag, std::string& plaintext);

}
