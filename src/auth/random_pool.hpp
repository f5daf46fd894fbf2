#pragma once
// Random bytes for per-request nonces (JWE IVs, jti) from a per-thread buffer refilled by RAND_bytes.
// OpenSSL 3.0 spends about 2 us per RAND_bytes call whatever the size, which would be most of the cost
// of encoding a session token. A fork empties every buffer, so parent and child never share bytes.
#include <cstddef>
#include <string>

namespace mmsgate {

[[nodiscard]] std::string pooled_random_bytes(std::size_t count);

// A random (version 4) UUID in its lower-case 8-4-4-4-12 form, from the pool.
[[nodiscard]] std::string pooled_random_uuid();

}
