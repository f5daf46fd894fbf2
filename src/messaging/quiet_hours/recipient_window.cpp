#include "messaging/quiet_hours/recipient_window.hpp"

#include "messaging/quiet_hours/nanp_area_zones.hpp"

#include <array>
#include <chrono>

namespace mmsgate {

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 24 * 60 * kMinute;

constexpr std::array kZones {
    ZoneRule { "America/St_Johns", -210, true },
    ZoneRule { "America/Halifax", -240, true },
    ZoneRule { "America/Puerto_Rico", -240, false },
    ZoneRule { "America/New_York", -300, true },
    ZoneRule { "America/Toronto", -300, true },
    ZoneRule { "America/Chicago", -360, true },
    ZoneRule { "America/Winnipeg", -360, true },
    ZoneRule { "America/North_Dakota/Center", -360, true },
    ZoneRule { "America/Regina", -360, false },
    ZoneRule { "America/Denver", -420, true },
    ZoneRule { "America/Edmonton", -420, true },
    ZoneRule { "America/Boise", -420, true },
    ZoneRule { "America/Phoenix", -420, false },
    ZoneRule { "America/Fort_Nelson", -420, false },
    ZoneRule { "America/Los_Angeles", -480, true },
    ZoneRule { "America/Vancouver", -480, true },
    ZoneRule { "America/Anchorage", -540, true },
    ZoneRule { "America/Juneau", -540, true },
    ZoneRule { "America/Adak", -600, true },
    ZoneRule { "Pacific/Honolulu", -600, false },
};

Millis floor_div(Millis value, Millis divisor) { return value >= 0 ? value / divisor : (value - divisor + 1) / divisor; }

int year_of_days(Millis days)
{
    return int(std::chrono::year_month_day { std::chrono::sys_days { std::chrono::days { days } } }.year());
}

// The day number (days since 1970-01-01) of the `nth` Sunday of a month.
Millis nth_sunday(int year, std::chrono::month month, unsigned nth)
{
    std::chrono::sys_days day { std::chrono::year { year } / month / std::chrono::Sunday[nth] };
    return day.time_since_epoch().count();
}

}

std::optional<ZoneRule> zone_rule(std::string_view iana_name)
{
    for (auto const& zone : kZones) {
        if (zone.name == iana_name)
            return zone;
    }
    return std::nullopt;
}

int utc_offset_minutes(ZoneRule const& zone, Millis utc)
{
    if (!zone.daylight_saving)
        return zone.standard_offset_minutes;
    // Both changes happen at 02:00 local time, which is 02:00 and 01:00 standard time.
    auto standard = utc + zone.standard_offset_minutes * kMinute;
    auto year = year_of_days(floor_div(standard, kDay));
    auto starts = nth_sunday(year, std::chrono::March, 2) * kDay + 2 * 60 * kMinute;
    auto ends = nth_sunday(year, std::chrono::November, 1) * kDay + 1 * 60 * kMinute;
    bool summer = standard >= starts && standard < ends;
    return zone.standard_offset_minutes + (summer ? 60 : 0);
}

int local_minute_of_day(ZoneRule const& zone, Millis utc)
{
    auto local = utc + utc_offset_minutes(zone, utc) * kMinute;
    return int((local - floor_div(local, kDay) * kDay) / kMinute);
}

std::vector<ZoneRule> recipient_zones(std::string_view recipient)
{
    std::vector<ZoneRule> zones;
    if (!recipient.starts_with("+1") || recipient.size() != 12)
        return zones;
    int area_code = (recipient[2] - '0') * 100 + (recipient[3] - '0') * 10 + (recipient[4] - '0');
    auto known = zones_of_area_code(area_code);
    if (!known)
        return { kZones.begin(), kZones.end() };
    for (auto name : known->zones) {
        if (auto zone = zone_rule(name))
            zones.push_back(*zone);
    }
    return zones;
}

Millis next_allowed_time(QuietHoursSettings const& settings, std::span<ZoneRule const> zones, Millis now)
{
    auto quiet_somewhere = [&](Millis at) {
        for (auto const& zone : zones) {
            if (settings.is_quiet(local_minute_of_day(zone, at)))
                return true;
        }
        return false;
    };
    if (!settings.enabled || zones.empty() || !quiet_somewhere(now))
        return now;
    auto minute = (floor_div(now, kMinute) + 1) * kMinute;
    for (auto end = now + 2 * kDay; minute < end; minute += kMinute) {
        if (!quiet_somewhere(minute))
            return minute;
    }
    // The zones' quiet spans cover the whole day together: nothing would ever go, so do not hold.
    return now;
}

}
