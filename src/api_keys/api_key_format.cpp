#include "api_keys/api_key_format.hpp"

#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/random.hpp"

#include <array>
#include <cstdint>

namespace mmsgate {

namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool is_base62(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::uint32_t crc32(std::string_view data)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : data) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// Fixed width, most significant digit first; 62^6 > 2^32, so every CRC fits.
std::string checksum_of(std::string_view body)
{
    auto value = crc32(body);
    std::string digits(kApiKeyChecksumLength, '0');
    for (auto i = kApiKeyChecksumLength; i-- > 0;) {
        digits[i] = kBase62[value % 62];
        value /= 62;
    }
    return digits;
}

// Uniform base62 characters: bytes of 248 and above are dropped (248 = 4 × 62).
std::string random_base62(std::size_t length)
{
    std::string text;
    while (text.size() < length) {
        for (unsigned char byte : random_bytes(length)) {
            if (byte < 248 && text.size() < length)
                text += kBase62[byte % 62];
        }
    }
    return text;
}

}

NewApiKeySecret generate_api_key()
{
    auto body = std::string(kApiKeyPrefix) + random_base62(kApiKeyRandomLength);
    auto key = body + checksum_of(body);
    return { key, key.substr(0, kApiKeyLookupLength), api_key_hash(key) };
}

std::optional<std::string> api_key_lookup_prefix(std::string_view key)
{
    if (key.size() != kApiKeyLength || !key.starts_with(kApiKeyPrefix))
        return std::nullopt;
    for (auto c : key.substr(kApiKeyPrefix.size())) {
        if (!is_base62(c))
            return std::nullopt;
    }
    auto body = key.substr(0, key.size() - kApiKeyChecksumLength);
    if (checksum_of(body) != key.substr(body.size()))
        return std::nullopt;
    return std::string(key.substr(0, kApiKeyLookupLength));
}

std::string api_key_hash(std::string_view key)
{
    return hex_encode(sha256(key));
}

bool contains_api_key_marker(std::string_view text)
{
    for (auto at = text.find(kApiKeyPrefix); at != std::string_view::npos; at = text.find(kApiKeyPrefix, at + 1)) {
        auto next = at + kApiKeyPrefix.size();
        if (next < text.size() && is_base62(text[next]))
            return true;
    }
    return false;
}

}
