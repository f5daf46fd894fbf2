#include "core/encoding.hpp"

#include <algorithm>
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

// Index of each character in an alphabet, -1 for characters outside it.
using DecodeTable = std::array<std::int8_t, 256>;

constexpr DecodeTable decode_table(char const* alphabet)
{
    DecodeTable table {};
    for (auto& entry : table)
        entry = -1;
    for (int i = 0; i < 64; ++i)
        table[std::uint8_t(alphabet[i])] = std::int8_t(i);
    return table;
}

constexpr DecodeTable kBase64Decode = decode_table(kBase64Alphabet);
constexpr DecodeTable kBase64UrlDecode = decode_table(kBase64UrlAlphabet);

// Session tokens are encoded and decoded on every session check: the output is sized once and
// written by index.
std::string encode_base64_with(std::string_view bytes, char const* alphabet, bool pad)
{
    auto full = bytes.size() / 3;
    auto rest = bytes.size() % 3;
    std::string out(full * 4 + (rest == 0 ? 0 : pad ? 4 : rest + 1), '\0');
    auto const* in = reinterpret_cast<unsigned char const*>(bytes.data());
    char* write = out.data();
    for (std::size_t i = 0; i < full; ++i, in += 3) {
        auto chunk = (std::uint32_t(in[0]) << 16) | (std::uint32_t(in[1]) << 8) | in[2];
        *write++ = alphabet[(chunk >> 18) & 63];
        *write++ = alphabet[(chunk >> 12) & 63];
        *write++ = alphabet[(chunk >> 6) & 63];
        *write++ = alphabet[chunk & 63];
    }
    if (rest != 0) {
        auto chunk = (std::uint32_t(in[0]) << 16) | (rest == 2 ? std::uint32_t(in[1]) << 8 : 0);
        *write++ = alphabet[(chunk >> 18) & 63];
        *write++ = alphabet[(chunk >> 12) & 63];
        if (rest == 2)
            *write++ = alphabet[(chunk >> 6) & 63];
        if (pad) {
            *write++ = '=';
            if (rest == 1)
                *write++ = '=';
        }
    }
    return out;
}

std::optional<std::string> decode_base64_with(std::string_view text, DecodeTable const& lookup, bool padded)
{
    if (padded) {
        if (text.size() % 4 != 0)
            return std::nullopt;
        for (int i = 0; i < 2 && !text.empty() && text.back() == '='; ++i)
            text.remove_suffix(1);
    }
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out(text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1), '\0');
    auto const* in = reinterpret_cast<unsigned char const*>(text.data());
    char* write = out.data();
    auto quads = text.size() / 4;
    for (std::size_t i = 0; i < quads; ++i, in += 4) {
        int a = lookup[in[0]], b = lookup[in[1]], c = lookup[in[2]], d = lookup[in[3]];
        if ((a | b | c | d) < 0)
            return std::nullopt;
        auto chunk = (std::uint32_t(a) << 18) | (std::uint32_t(b) << 12) | (std::uint32_t(c) << 6) | std::uint32_t(d);
        *write++ = char(chunk >> 16);
        *write++ = char((chunk >> 8) & 0xff);
        *write++ = char(chunk & 0xff);
    }
    auto rest = text.size() % 4;
    if (rest != 0) {
        int a = lookup[in[0]], b = lookup[in[1]], c = rest == 3 ? lookup[in[2]] : 0;
        if ((a | b | c) < 0)
            return std::nullopt;
        auto chunk = (std::uint32_t(a) << 18) | (std::uint32_t(b) << 12) | (std::uint32_t(c) << 6);
        *write++ = char(chunk >> 16);
        if (rest == 3)
            *write++ = char((chunk >> 8) & 0xff);
    }
    return out;
}

// RFC 3986 unreserved characters plus those encodeURIComponent leaves alone.
constexpr std::array<bool, 256> kUriComponentSafe = [] {
    std::array<bool, 256> safe {};
    for (int c = 0; c < 256; ++c)
        safe[std::size_t(c)] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
    return safe;
}();
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
std::optional<std::string> base64_decode(std::string_view text) { return decode_base64_with(text, kBase64Decode, true); }
std::string base64url_encode(std::string_view bytes) { return encode_base64_with(bytes, kBase64UrlAlphabet, false); }
std::optional<std::string> base64url_decode(std::string_view text)
{
    return decode_base64_with(text, kBase64UrlDecode, false);
}

std::string_view trim_blanks(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::string url_encode_component(std::string_view text)
{
    auto safe = [](char c) { return kUriComponentSafe[std::uint8_t(c)]; };
    // Cookie values (session tokens) rarely need escaping: copy them whole.
    auto first_unsafe = std::find_if_not(text.begin(), text.end(), safe);
    std::string out(text.begin(), first_unsafe);
    if (first_unsafe == text.end())
        return out;
    out.reserve(text.size() + 16);
    for (auto it = first_unsafe; it != text.end(); ++it) {
        auto c = std::uint8_t(*it);
        if (safe(char(c))) {
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
    std::string_view special = plus_is_space == PlusIsSpace::Yes ? "%+" : "%";
    while (!text.empty()) {
        // Copy the run up to the next escape in one go.
        auto next = text.find_first_of(special);
        out.append(text.substr(0, next));
        if (next == std::string_view::npos)
            break;
        char c = text[next];
        text.remove_prefix(next + 1);
        if (c == '+') {
            out += ' ';
            continue;
        }
        int high = text.size() >= 2 ? hex_value(text[0]) : -1;
        int low = text.size() >= 2 ? hex_value(text[1]) : -1;
        if (high < 0 || low < 0) {
            out += '%';
            continue;
        }
        out += char(high * 16 + low);
        text.remove_prefix(2);
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
