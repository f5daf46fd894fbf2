#include "core/random.hpp"

#include "core/encoding.hpp"

#include <openssl/rand.h>

#include <stdexcept>

namespace mmsgate {

std::string random_bytes(std::size_t count)
{
    std::string bytes(count, '\0');
    // RAND_bytes only fails when the OS entropy source is broken; nothing can sensibly go on then.
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1)
        throw std::runtime_error("RAND_bytes failed: no entropy source");
    return bytes;
}

std::string random_hex(std::size_t byte_count)
{
    return hex_encode(random_bytes(byte_count));
}

std::string random_uuid()
{
    return uuid_from_random_bytes(random_bytes(16));
}

std::string uuid_from_random_bytes(std::string bytes)
{
    bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
    auto hex = hex_encode(bytes);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-"
        + hex.substr(20, 12);
}

}
