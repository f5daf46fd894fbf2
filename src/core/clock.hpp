#pragma once
// Wall-clock time in milliseconds since the Unix epoch, the unit every stored timestamp uses.
// Unit tests that need another "now" (expired tokens) pass it explicitly. Whole-process tests
// (quiet hours, held media) move every now_millis() at once with set_test_clock_offset, which only
// the test clock (MMSGATE_TEST_CLOCK, sandbox only) calls; in production the offset stays 0.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

using Millis = std::int64_t;

namespace detail {
inline std::atomic<Millis> test_clock_offset { 0 };
}

[[nodiscard]] inline Millis now_millis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
               .count()
        + detail::test_clock_offset.load(std::memory_order_relaxed);
}

// Test clock only: every later now_millis() is `offset` ms ahead of the system clock. Timers that
// wait on steady_clock do not move with it; code that waits for a due time polls (the dispatcher
// looks every 500 ms), so a jump is seen within one poll.
inline void set_test_clock_offset(Millis offset) { detail::test_clock_offset.store(offset, std::memory_order_relaxed); }
[[nodiscard]] inline Millis test_clock_offset() { return detail::test_clock_offset.load(std::memory_order_relaxed); }

// "2026-12-25T18:10:35.829Z", the form JavaScript's Date.toISOString() produces.
[[nodiscard]] std::string format_iso8601(Millis millis);
// Reads "2026-11-25", "2026-11-25T18:00:00Z" and "2026-11-25T18:00:00.123Z" (UTC); nullopt otherwise.
[[nodiscard]] std::optional<Millis> parse_iso8601(std::string_view text);
// "Fri, 25 Dec 2026 18:03:22 GMT", the form cookies' Expires attribute uses.
[[nodiscard]] std::string format_http_date(Millis millis);

}
