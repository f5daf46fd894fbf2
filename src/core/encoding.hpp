#pragma once
// Byte encodings used on the wire: hex, Base64 (standard and URL-safe), and URL percent-encoding.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

// Without the spaces and tabs at either end (HTTP's optional whitespace around list items).
[[nodiscard]] std::string_view trim_blanks(std::string_view text);

[[nodiscard]] std::string hex_encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> hex_decode(std::string_view hex);

// Standard alphabet with '=' padding (RFC 4648 section 4).
[[nodiscard]] std::string base64_encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);
// URL-safe alphabet without padding (RFC 4648 section 5), as JOSE uses it.
[[nodiscard]] std::string base64url_encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

// encodeURIComponent's rules: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is %XX-escaped.
[[nodiscard]] std::string url_encode_component(std::string_view text);
// Decodes %XX escapes; with PlusIsSpace::Yes also '+' (form bodies). Malformed escapes stay as they are.
enum class PlusIsSpace { No, Yes };
[[nodiscard]] std::string url_decode(std::string_view text, PlusIsSpace plus_is_space = PlusIsSpace::No);

// application/x-www-form-urlencoded (and query strings): pairs in their order, decoded.
using FormFields = std::vector<std::pair<std::string, std::string>>;
[[nodiscard]] FormFields parse_form(std::string_view body);
// The first value of a field, if present.
[[nodiscard]] std::optional<std::string> form_value(FormFields const& fields, std::string_view name);
[[nodiscard]] std::string encode_form(FormFields const& fields);

}
