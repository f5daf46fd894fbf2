#include "auth/csrf.hpp"

#include "auth/random_pool.hpp"
#include "core/encoding.hpp"
#include "core/secret.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace mmsgate {

std::string csrf_hash(std::string_view token, std::string_view secret)
{
    std::string input;
    input.reserve(token.size() + secret.size());
    input.append(token).append(secret);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return hex_encode(std::string_view(reinterpret_cast<char const*>(digest), length));
}

CsrfCookie mint_csrf(std::string_view secret)
{
    CsrfCookie cookie;
    cookie.token = hex_encode(pooled_random_bytes(32));
    cookie.cookie_value = cookie.token + "|" + csrf_hash(cookie.token, secret);
    return cookie;
}

std::optional<std::string> verified_csrf_token(std::string_view cookie_value, std::string_view secret)
{
    // A browser sends the same CSRF cookie with every /api/auth request (a session check included):
    // the last one this thread verified is not hashed again. Compared in constant time, as the hash is.
    struct Verified {
        std::string cookie_value;
        std::string secret;
        std::string token;
    };
    thread_local Verified last;
    if (!last.token.empty() && constant_time_equals(cookie_value, last.cookie_value) && constant_time_equals(secret, last.secret))
        return last.token;
    auto bar = cookie_value.find('|');
    if (bar == std::string_view::npos)
        return std::nullopt;
    auto token = cookie_value.substr(0, bar);
    auto hash = cookie_value.substr(bar + 1);
    hash = hash.substr(0, hash.find('|'));
    if (!constant_time_equals(hash, csrf_hash(token, secret)))
        return std::nullopt;
    last = { std::string(cookie_value), std::string(secret), std::string(token) };
    return std::string(token);
}

bool csrf_matches(std::string_view cookie_token, std::string_view body_token)
{
    return !cookie_token.empty() && constant_time_equals(cookie_token, body_token);
}

}
