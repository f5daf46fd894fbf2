#include "core/clock.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace mmsgate {

namespace {

struct UtcTime {
    std::int64_t year;
    int month; // 1-12
    int day; // 1-31
    int hour, minute, second, millisecond;
    int weekday; // 0 = Sunday
};

// Howard Hinnant's days-to-civil algorithm: these run on every session check, where gmtime_r
// and fmt cost more than the rest of the formatting.
UtcTime utc_time(Millis millis)
{
    auto seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000;
    auto millisecond = int(millis - seconds * 1000);
    auto days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    auto second_of_day = int(seconds - days * 86400);
    UtcTime time {};
    time.hour = second_of_day / 3600;
    time.minute = second_of_day / 60 % 60;
    time.second = second_of_day % 60;
    time.millisecond = millisecond;
    time.weekday = int(((days + 4) % 7 + 7) % 7); // 1970-01-01 was a Thursday
    auto z = days + 719468;
    auto era = (z >= 0 ? z : z - 146096) / 146097;
    auto day_of_era = z - era * 146097;
    auto year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    auto day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    auto month_index = (5 * day_of_year + 2) / 153;
    time.day = int(day_of_year - (153 * month_index + 2) / 5 + 1);
    time.month = int(month_index < 10 ? month_index + 3 : month_index - 9);
    time.year = year_of_era + era * 400 + (time.month <= 2 ? 1 : 0);
    return time;
}

void append_digits(std::string& out, std::int64_t value, int width)
{
    std::array<char, 20> digits {};
    int count = 0;
    auto rest = value < 0 ? -value : value;
    do {
        digits[std::size_t(count++)] = char('0' + rest % 10);
        rest /= 10;
    } while (rest > 0 && count < int(digits.size()));
    if (value < 0)
        out += '-';
    for (int i = count; i < width; ++i)
        out += '0';
    while (count > 0)
        out += digits[std::size_t(--count)];
}

// "18:10:35", in both formats.
void append_time_of_day(std::string& out, UtcTime const& time)
{
    append_digits(out, time.hour, 2);
    out += ':';
    append_digits(out, time.minute, 2);
    out += ':';
    append_digits(out, time.second, 2);
}

}

std::string format_iso8601(Millis millis)
{
    auto time = utc_time(millis);
    std::string out;
    out.reserve(24);
    append_digits(out, time.year, 4);
    out += '-';
    append_digits(out, time.month, 2);
    out += '-';
    append_digits(out, time.day, 2);
    out += 'T';
    append_time_of_day(out, time);
    out += '.';
    append_digits(out, time.millisecond, 3);
    out += 'Z';
    return out;
}

std::string format_http_date(Millis millis)
{
    static constexpr char const* kDays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static constexpr char const* kMonths[]
        = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    auto time = utc_time(millis);
    std::string out;
    out.reserve(29);
    out += kDays[time.weekday];
    out += ", ";
    append_digits(out, time.day, 2);
    out += ' ';
    out += kMonths[time.month - 1];
    out += ' ';
    append_digits(out, time.year, 4);
    out += ' ';
    append_time_of_day(out, time);
    out += " GMT";
    return out;
}

std::optional<Millis> parse_iso8601(std::string_view text)
{
    std::tm parts {};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    std::string copy(text);
    int read = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d", &year, &month, &day, &hour, &minute, &second, &millis);
    if (read < 3 || month < 1 || month > 12 || day < 1 || day > 31)
        return std::nullopt;
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    return Millis(timegm(&parts)) * 1000 + millis;
}

}
