#include "core/secret.hpp"

#include <openssl/crypto.h>

#include <fmt/format.h>

namespace mmsgate {

bool constant_time_equals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string mask_secret(std::string_view secret)
{
    if (secret.empty())
        return "(not set)";
    // Showing a prefix of a short secret would reveal too large a share of it.
    if (secret.size() < 16)
        return fmt::format("****({} chars)", secret.size());
    return fmt::format("{}****({} chars)", secret.substr(0, 2), secret.size());
}

}
