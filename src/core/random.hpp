#pragma once
// Cryptographically strong randomness (OpenSSL's RAND_bytes) for tokens, keys and ids.
#include <cstddef>
#include <string>

namespace mmsgate {

[[nodiscard]] std::string random_bytes(std::size_t count);
[[nodiscard]] std::string random_hex(std::size_t byte_count);
// A random (version 4) UUID in its lower-case 8-4-4-4-12 form.
[[nodiscard]] std::string random_uuid();
// 16 random bytes (from any strong source) as a version 4 UUID.
[[nodiscard]] std::string uuid_from_random_bytes(std::string bytes);

}
