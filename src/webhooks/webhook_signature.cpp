#include "webhooks/webhook_signature.hpp"

#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/random.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

constexpr std::string_view kSecretPrefix = "whsec_";

}

std::string new_webhook_secret()
{
    return std::string(kSecretPrefix) + base64_encode(random_bytes(32));
}

std::optional<std::string> webhook_secret_key(std::string_view secret)
{
    if (!secret.starts_with(kSecretPrefix))
        return std::nullopt;
    auto key = base64_decode(secret.substr(kSecretPrefix.size()));
    if (!key || key->empty())
        return std::nullopt;
    return key;
}

std::optional<std::string> sign_webhook(
    std::string_view secret, std::string_view webhook_id, std::int64_t timestamp_seconds, std::string_view body)
{
    auto key = webhook_secret_key(secret);
    if (!key)
        return std::nullopt;
    auto content = fmt::format("{}.{}.{}", webhook_id, timestamp_seconds, body);
    return "v1," + base64_encode(hmac_sha256(*key, content));
}

std::string webhook_signature_header(std::vector<std::string> const& secrets, std::string_view webhook_id,
    std::int64_t timestamp_seconds, std::string_view body)
{
    std::string header;
    for (auto const& secret : secrets) {
        auto signature = sign_webhook(secret, webhook_id, timestamp_seconds, body);
        if (!signature)
            continue;
        if (!header.empty())
            header += ' ';
        header += *signature;
    }
    return header;
}

}
