#include "core/encoding.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace mmsgate {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64UrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string encode_base64_with(std::string_view bytes, char const* alphabet, bool pad)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        auto chunk = (std::uint32_t(std::uint8_t(bytes[i])) << 16) | (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8)
            | std::uint8_t(bytes[i + 2]);
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        out += alphabet[(chunk >> 6) & 63];
        out += alphabet[chunk & 63];
    }
    auto rest = bytes.size() - i;
    if (rest == 1) {
        auto chunk = std::uint32_t(std::uint8_t(bytes[i])) << 16;
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        if (pad)
            out += "==";
    } else if (rest == 2) {
        auto chunk = (std::uint32_t(std::uint8_t(bytes[i])) << 16) | (std::uint32_t(std::uint8_t(bytes[i + 1])) << 8);
        out += alphabet[(chunk >> 18) & 63];
        out += alphabet[(chunk >> 12) & 63];
        out += alphabet[(chunk >> 6) & 63];
        if (pad)
            out += '=';
    }
    return out;
}

std::optional<std::string> decode_base64_with(std::string_view text, char const* alphabet, bool padded)
{
    std::array<int, 256> lookup {};
    lookup.fill(-1);
    for (int i = 0; i < 64; ++i)
        lookup[std::uint8_t(alphabet[i])] = i;
    if (padded) {
        if (text.size() % 4 != 0)
            return std::nullopt;
        while (!text.empty() && text.back() == '=')
            text.remove_suffix(1);
    }
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        auto value = lookup[std::uint8_t(c)];
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 6) | std::uint32_t(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((buffer >> bits) & 0xff);
        }
    }
    return out;
}

}

std::string hex_encode(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += kHexDigits[c >> 4];
        out += kHexDigits[c & 15];
    }
    return out;
}

std::optional<std::string> hex_decode(std::string_view hex)
{
    if (hex.size() % 2 != 0)
        return std::nullopt;
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        auto high = hex_value(hex[i]);
        auto low = hex_value(hex[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out += char(high * 16 + low);
    }
    return out;
}

std::string base64_encode(std::string_view bytes) { return encode_base64_with(bytes, kBase64Alphabet, true); }
std::optional<std::string> base64_decode(std::string_view text) { return decode_base64_with(text, kBase64Alphabet, true); }
std::string base64url_encode(std::string_view bytes) { return encode_base64_with(bytes, kBase64UrlAlphabet, false); }
std::optional<std::string> base64url_decode(std::string_view text)
{
    return decode_base64_with(text, kBase64UrlAlphabet, false);
}

std::string url_encode_component(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
        if (unreserved) {
            out += char(c);
        } else {
            out += '%';
            out += char(std::toupper(kHexDigits[c >> 4]));
            out += char(std::toupper(kHexDigits[c & 15]));
        }
    }
    return out;
}

std::string url_decode(std::string_view text, PlusIsSpace plus_is_space)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus_is_space == PlusIsSpace::Yes) {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size()) {
            auto high = hex_value(text[i + 1]);
            auto low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) {
                out += c;
                continue;
            }
            out += char(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

FormFields parse_form(std::string_view body)
{
    FormFields fields;
    while (!body.empty()) {
        auto end = body.find('&');
        auto pair = body.substr(0, end);
        body = end == std::string_view::npos ? std::string_view {} : body.substr(end + 1);
        if (pair.empty())
            continue;
        auto equals = pair.find('=');
        auto name = pair.substr(0, equals);
        auto value = equals == std::string_view::npos ? std::string_view {} : pair.substr(equals + 1);
        fields.emplace_back(url_decode(name, PlusIsSpace::Yes), url_decode(value, PlusIsSpace::Yes));
    }
    return fields;
}

std::optional<std::string> form_value(FormFields const& fields, std::string_view name)
{
    for (auto const& [key, value] : fields) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

std::string encode_form(FormFields const& fields)
{
    std::string out;
    for (auto const& [key, value] : fields) {
        if (!out.empty())
            out += '&';
        out += url_encode_component(key);
        out += '=';
        out += url_encode_component(value);
    }
    return out;
}

}
