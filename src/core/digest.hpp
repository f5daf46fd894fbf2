#pragma once
// Message digests and MACs (OpenSSL), as raw bytes; hex_encode/base64_encode them as needed.
#include <string>
#include <string_view>

namespace mmsgate {

[[nodiscard]] std::string sha256(std::string_view data);
[[nodiscard]] std::string hmac_sha256(std::string_view key, std::string_view data);

}
