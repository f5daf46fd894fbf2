#pragma once
// The API key format (docs/decisions.md): "mmsk_" + 43 base62 characters (256 random bits) + a
// 6-character base62 CRC32 of everything before it. The fixed prefix lets secret scanners find
// leaked keys; the checksum lets them (and us) tell a key from a typo without a database lookup.
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

inline constexpr std::string_view kApiKeyPrefix = "mmsk_";
inline constexpr std::size_t kApiKeyRandomLength = 43;
inline constexpr std::size_t kApiKeyChecksumLength = 6;
inline constexpr std::size_t kApiKeyLength = kApiKeyPrefix.size() + kApiKeyRandomLength + kApiKeyChecksumLength;
// "mmsk_" + the first 8 random characters: unique per key, shown in lists, finds the stored row.
inline constexpr std::size_t kApiKeyLookupLength = kApiKeyPrefix.size() + 8;

struct NewApiKeySecret {
    std::string key; // shown once, never stored
    std::string prefix; // the lookup prefix, stored and shown
    std::string hash; // hex SHA-256 of key, stored
};

[[nodiscard]] NewApiKeySecret generate_api_key();
// The lookup prefix of a well-formed key (prefix, length, alphabet, checksum); nullopt otherwise.
[[nodiscard]] std::optional<std::string> api_key_lookup_prefix(std::string_view key);
[[nodiscard]] std::string api_key_hash(std::string_view key);
// True when `text` holds something that looks like an API key ("mmsk_" followed by base62).
[[nodiscard]] bool contains_api_key_marker(std::string_view text);

}
