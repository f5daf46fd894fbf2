#pragma once
// When a message may reach a recipient under quiet hours: the recipient's local time comes from the
// area code (US and Canada), and an area code that spans several zones must be outside the quiet
// span in every one of them. Zones follow a small rule table (standard offset, and whether the
// US/Canadian daylight-saving rule of 2007 applies), checked against the system's tzdata in the tests.
#include "config/quiet_hours_setting.hpp"
#include "core/clock.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace mmsgate {

struct ZoneRule {
    std::string_view name; // IANA
    int standard_offset_minutes = 0; // east of UTC
    bool daylight_saving = false; // second Sunday of March 02:00 to first Sunday of November 02:00
};

[[nodiscard]] std::optional<ZoneRule> zone_rule(std::string_view iana_name);
[[nodiscard]] int utc_offset_minutes(ZoneRule const& zone, Millis utc);
// Minutes after local midnight in `zone` at `utc`.
[[nodiscard]] int local_minute_of_day(ZoneRule const& zone, Millis utc);

// The zones whose local time decides for `recipient` (E.164). Empty outside +1 (never held); an area
// code the data does not know counts as every US/Canadian zone (the most restrictive reading).
[[nodiscard]] std::vector<ZoneRule> recipient_zones(std::string_view recipient);

// `now` when it is outside the quiet span in every zone (or quiet hours are off, or no zones);
// else the first later minute at which it is (checked minute by minute over two days: offsets
// are whole half hours, so the window opens on a minute).
[[nodiscard]] Millis next_allowed_time(QuietHoursSettings const& settings, std::span<ZoneRule const> zones, Millis now);

}
