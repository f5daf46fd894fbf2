#include "auth/random_pool.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"

#include <openssl/crypto.h>

#include <pthread.h>

#include <array>
#include <atomic>
#include <cstring>

namespace mmsgate {

namespace {

constexpr std::size_t kPoolBytes = 4096;

// Bumped in a forked child: buffers filled before the fork are thrown away instead of being reused
// (a repeated AES-GCM IV under the same key would leak the authentication key).
std::atomic<unsigned> s_fork_generation { 0 };

void register_fork_handler()
{
    static bool const registered = [] {
        pthread_atfork(nullptr, nullptr, [] { s_fork_generation.fetch_add(1); });
        return true;
    }();
    (void)registered;
}

struct Pool {
    std::array<char, kPoolBytes> bytes {};
    std::size_t used = kPoolBytes;
    unsigned generation = 0;

    ~Pool() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

}

std::string pooled_random_bytes(std::size_t count)
{
    if (count > kPoolBytes / 4)
        return random_bytes(count);
    register_fork_handler();
    thread_local Pool pool;
    auto generation = s_fork_generation.load(std::memory_order_relaxed);
    if (pool.used + count > kPoolBytes || pool.generation != generation) {
        auto fresh = random_bytes(kPoolBytes);
        std::memcpy(pool.bytes.data(), fresh.data(), kPoolBytes);
        OPENSSL_cleanse(fresh.data(), fresh.size());
        pool.used = 0;
        pool.generation = generation;
    }
    std::string out(pool.bytes.data() + pool.used, count);
    // Bytes handed out are wiped so that a later memory disclosure cannot replay them.
    OPENSSL_cleanse(pool.bytes.data() + pool.used, count);
    pool.used += count;
    return out;
}

std::string pooled_random_uuid()
{
    return uuid_from_random_bytes(pooled_random_bytes(16));
}

}
