#include "core/ids.hpp"

#include "core/random.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <unistd.h>

namespace mmsgate {

namespace {

// Exactly `width` base-36 digits of `value` (the high digits are dropped or zero-padded).
std::string base36(std::uint64_t value, int width)
{
    constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string out(std::size_t(width), '0');
    for (int i = width - 1; i >= 0; --i) {
        out[std::size_t(i)] = kDigits[value % 36];
        value /= 36;
    }
    return out;
}

std::string const& process_fingerprint()
{
    static std::string const fingerprint = [] {
        auto random = random_bytes(4);
        std::uint64_t value = std::uint64_t(getpid());
        for (unsigned char c : random)
            value = value * 131 + c;
        return base36(value, 4);
    }();
    return fingerprint;
}

}

std::string new_cuid()
{
    static std::atomic<std::uint32_t> counter { 0 };
    auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch())
                      .count();
    auto random = random_bytes(8);
    std::uint64_t random_value = 0;
    for (unsigned char c : random)
        random_value = (random_value << 8) | c;
    return "c" + base36(std::uint64_t(now_ms), 8) + base36(counter.fetch_add(1) % (36u * 36 * 36 * 36), 4)
        + process_fingerprint() + base36(random_value, 8);
}

}
