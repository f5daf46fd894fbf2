#include "messaging/callback_token.hpp"

#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/secret.hpp"

#include <charconv>

namespace mmsgate {

namespace {

// 128 bits of the HMAC: unguessable, and short enough for a tidy URL.
constexpr std::size_t kMacBytes = 16;

bool is_request_id(std::string_view text)
{
    if (text.empty() || text.size() > 64)
        return false;
    for (char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

}

CallbackTokens::CallbackTokens(std::string_view secret)
    : m_key(hmac_sha256(secret, "mmsgate plivo status callback token v1"))
{
}

std::string CallbackTokens::mac(std::string_view request_id, int attempt) const
{
    auto full = hmac_sha256(m_key, std::string(request_id) + "." + std::to_string(attempt));
    return hex_encode(std::string_view(full).substr(0, kMacBytes));
}

std::string CallbackTokens::token_for(std::string_view request_id, int attempt) const
{
    return std::string(request_id) + "." + std::to_string(attempt) + "." + mac(request_id, attempt);
}

std::optional<CallbackAttempt> CallbackTokens::verify(std::string_view token) const
{
    auto first = token.find('.');
    auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos)
        return std::nullopt;
    auto request_id = token.substr(0, first);
    auto attempt_text = token.substr(first + 1, second - first - 1);
    auto given_mac = token.substr(second + 1);
    int attempt = 0;
    auto [end, error] = std::from_chars(attempt_text.data(), attempt_text.data() + attempt_text.size(), attempt);
    if (!is_request_id(request_id) || error != std::errc {} || end != attempt_text.data() + attempt_text.size()
        || attempt < 1)
        return std::nullopt;
    if (!constant_time_equals(given_mac, mac(request_id, attempt)))
        return std::nullopt;
    return CallbackAttempt { std::string(request_id), attempt };
}

}
