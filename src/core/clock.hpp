#pragma once
// Wall-clock time in milliseconds since the Unix epoch, the unit every stored timestamp uses.
// Tests that need another "now" (expired tokens) pass it explicitly instead of faking a clock.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

using Millis = std::int64_t;

[[nodiscard]] inline Millis now_millis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// "2026-12-25T18:10:35.829Z", the form JavaScript's Date.toISOString() produces.
[[nodiscard]] std::string format_iso8601(Millis millis);
// Reads "2026-11-25", "2026-11-25T18:00:00Z" and "2026-11-25T18:00:00.123Z" (UTC); nullopt otherwise.
[[nodiscard]] std::optional<Millis> parse_iso8601(std::string_view text);
// "Fri, 25 Dec 2026 18:03:22 GMT", the form cookies' Expires attribute uses.
[[nodiscard]] std::string format_http_date(Millis millis);

}
