#pragma once
// Plivo webhook signatures (docs/plivo-api.md 5.4 and 5.5). The simulator signs its callbacks with the
// compute_* functions; mmsgate's callback handler checks them with the verify_* functions.
//
// `url` is the URL exactly as Plivo called it (public scheme, host, port, path and query); `params`
// are the decoded form-body parameters of a POST (for a GET: extra parameters not already in the
// URL's query, usually none). V2 covers only the URL without its query, plus the nonce.
#include "core/encoding.hpp"

#include <string>
#include <string_view>

namespace mmsgate {

inline constexpr char kSignatureV3Header[] = "X-Plivo-Signature-V3";
inline constexpr char kSignatureMainAccountV3Header[] = "X-Plivo-Signature-Ma-V3";
inline constexpr char kSignatureV3NonceHeader[] = "X-Plivo-Signature-V3-Nonce";
inline constexpr char kSignatureV2Header[] = "X-Plivo-Signature-V2";
inline constexpr char kSignatureMainAccountV2Header[] = "X-Plivo-Signature-Ma-V2";
inline constexpr char kSignatureV2NonceHeader[] = "X-Plivo-Signature-V2-Nonce";

// The V3 string before HMAC, without the trailing ".nonce" (exposed for diagnostics and tests).
// `method` is "GET" or "POST" (case-insensitive); anything but GET is signed the POST way.
[[nodiscard]] std::string signature_v3_base(std::string_view method, std::string_view url, FormFields const& params);

// Base64(HMAC-SHA256(auth_token, signature_v3_base(...) + "." + nonce)).
[[nodiscard]] std::string compute_signature_v3(std::string_view auth_token, std::string_view method,
    std::string_view url, FormFields const& params, std::string_view nonce);

// True when any of the comma-separated signatures in `header_value` matches (constant-time compare).
[[nodiscard]] bool verify_signature_v3(std::string_view auth_token, std::string_view method, std::string_view url,
    FormFields const& params, std::string_view nonce, std::string_view header_value);

// Base64(HMAC-SHA256(auth_token, url_without_query + nonce)), no separator.
[[nodiscard]] std::string compute_signature_v2(std::string_view auth_token, std::string_view url, std::string_view nonce);

[[nodiscard]] bool verify_signature_v2(
    std::string_view auth_token, std::string_view url, std::string_view nonce, std::string_view header_value);

// A fresh nonce of 20 decimal digits, the shape Plivo sends.
[[nodiscard]] std::string new_signature_nonce();

}
