#pragma once
// Standard Webhooks signing (standardwebhooks.com): the signature is the Base64 HMAC-SHA256, keyed
// with the Base64-decoded part of a `whsec_` secret, of "{webhook-id}.{webhook-timestamp}.{body}".
// The secret is an HMAC key the server must keep to sign: never log it, show it only when made.
#include "core/clock.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

// A new secret: "whsec_" and 32 random bytes in Base64.
[[nodiscard]] std::string new_webhook_secret();
// The key bytes of a "whsec_…" secret, or nullopt when it is not one.
[[nodiscard]] std::optional<std::string> webhook_secret_key(std::string_view secret);
// "v1,<base64>" for one secret; nullopt when the secret is malformed.
[[nodiscard]] std::optional<std::string> sign_webhook(std::string_view secret, std::string_view webhook_id,
    std::int64_t timestamp_seconds, std::string_view body);
// The webhook-signature header: one "v1,…" per secret, space-separated (two during a rotation).
[[nodiscard]] std::string webhook_signature_header(std::vector<std::string> const& secrets, std::string_view webhook_id,
    std::int64_t timestamp_seconds, std::string_view body);

}
