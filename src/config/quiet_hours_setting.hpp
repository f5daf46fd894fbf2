#pragma once
// MMSGATE_QUIET_HOURS: the span of the recipient's local day in which no message may go, for
// example "21:00-08:00" (marketing texts only 08:00-21:00). Off unless set; "off" turns it off too.
#include "core/error.hpp"

#include <string_view>

namespace mmsgate {

struct QuietHoursSettings {
    bool enabled = false;
    // Minutes after local midnight: quiet from `from_minute` (inclusive) to `until_minute`
    // (exclusive), across midnight when from > until.
    int from_minute = 21 * 60;
    int until_minute = 8 * 60;

    [[nodiscard]] bool is_quiet(int minute_of_day) const
    {
        if (from_minute <= until_minute)
            return minute_of_day >= from_minute && minute_of_day < until_minute;
        return minute_of_day >= from_minute || minute_of_day < until_minute;
    }
};

// "HH:MM-HH:MM" (24-hour clock, the two ends different), or "off"/"" for no quiet hours.
[[nodiscard]] Result<QuietHoursSettings> parse_quiet_hours(std::string_view text);

}
