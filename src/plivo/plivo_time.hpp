#pragma once
// The timestamp forms Plivo uses: list filters take "2026-01-02 03:04:05" (UTC), message objects carry
// "2026-01-02 03:04:05+00:00", callbacks and *_sent_time carry microseconds.
#include "core/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

enum class PlivoTimeFormat {
    Seconds, // 2026-01-02 03:04:05 (list filters)
    SecondsWithOffset, // 2026-01-02 03:04:05+00:00 (message_time)
    Micros, // 2026-01-02 03:04:05.123000 (callback times)
    MicrosWithOffset, // 2026-01-02 03:04:05.123000+00:00 (message_sent_time, message_updated_time)
};

[[nodiscard]] std::string format_plivo_time(Millis millis, PlivoTimeFormat format);

// Accepts "YYYY-MM-DD HH:MM[:SS[.ffffff]]" with an optional "+HH:MM" / "-HH:MM" / "Z" suffix (UTC
// when absent), the forms Plivo documents for message_time filters. Sub-millisecond digits are dropped.
[[nodiscard]] std::optional<Millis> parse_plivo_time(std::string_view text);

}
