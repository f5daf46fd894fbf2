#pragma once
// HKDF (RFC 5869) with SHA-256: the key derivation NextAuth v4 and Auth.js v5 use for session-token keys.
#include <cstddef>
#include <string>
#include <string_view>

namespace mmsgate {

// Returns `length` bytes (at most 255 * 32). An empty salt means 32 zero bytes (RFC 5869 section 2.2),
// and an empty ikm is allowed (OpenSSL accepts it; @panva/hkdf would refuse an empty secret).
[[nodiscard]] std::string hkdf_sha256(std::string_view ikm, std::string_view salt, std::string_view info, std::size_t length);

}
