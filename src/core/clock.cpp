#include "core/clock.hpp"

#include <ctime>
#include <fmt/format.h>

namespace mmsgate {

namespace {

std::tm utc_time(Millis millis)
{
    std::time_t seconds = std::time_t(millis / 1000);
    std::tm parts {};
    gmtime_r(&seconds, &parts);
    return parts;
}

}

std::string format_iso8601(Millis millis)
{
    auto parts = utc_time(millis);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", parts.tm_year + 1900, parts.tm_mon + 1,
        parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, int(millis % 1000));
}

std::string format_http_date(Millis millis)
{
    static constexpr char const* kDays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static constexpr char const* kMonths[]
        = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    auto parts = utc_time(millis);
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kDays[parts.tm_wday], parts.tm_mday,
        kMonths[parts.tm_mon], parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

}
