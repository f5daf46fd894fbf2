#pragma once
// The five dot-separated segments of a JWE in compact serialisation (RFC 7516 section 7.1), still
// base64url-encoded. Views into the token: the token must outlive them.
#include <optional>
#include <string_view>

namespace mmsgate {

struct CompactJwe {
    std::string_view protected_header;
    std::string_view encrypted_key;
    std::string_view iv;
    std::string_view ciphertext;
    std::string_view tag;
};

// Empty unless the token has exactly five segments (jose: "Invalid Compact JWE").
[[nodiscard]] std::optional<CompactJwe> split_compact_jwe(std::string_view token);

}
