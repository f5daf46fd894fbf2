// The hand-written date formatting against the C library's gmtime_r and strftime.
#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <random>

namespace mmsgate {
namespace {

std::string strftime_utc(Millis millis, char const* format)
{
    std::time_t seconds = std::time_t(millis >= 0 ? millis / 1000 : (millis - 999) / 1000);
    std::tm parts {};
    gmtime_r(&seconds, &parts);
    char buffer[64];
    auto size = std::strftime(buffer, sizeof buffer, format, &parts);
    return std::string(buffer, size);
}

std::string libc_iso8601(Millis millis)
{
    auto milliseconds = ((millis % 1000) + 1000) % 1000;
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", int(milliseconds));
    return strftime_utc(millis, "%Y-%m-%dT%H:%M:%S") + fraction;
}

TEST(Clock, KnownDates)
{
    EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    EXPECT_EQ(format_iso8601(1767323045123), "2026-01-02T03:04:05.123Z");
    EXPECT_EQ(format_http_date(951782400000), "Tue, 29 Feb 2000 00:00:00 GMT");
}

TEST(Clock, MatchesTheCLibraryOverCenturies)
{
    std::mt19937_64 random(20261126);
    // 1900 to 2400: leap centuries, every weekday and month, before and after the epoch.
    std::uniform_int_distribution<Millis> any(-2'208'988'800'000, 13'569'465'600'000);
    for (int i = 0; i < 20000; ++i) {
        auto millis = any(random);
        ASSERT_EQ(format_iso8601(millis), libc_iso8601(millis)) << millis;
        ASSERT_EQ(format_http_date(millis), strftime_utc(millis, "%a, %d %b %Y %H:%M:%S GMT")) << millis;
    }
    for (Millis day = -800; day <= 800; ++day) {
        auto millis = day * 86'400'000 + 86'399'999;
        ASSERT_EQ(format_iso8601(millis), libc_iso8601(millis)) << millis;
        ASSERT_EQ(format_http_date(millis), strftime_utc(millis, "%a, %d %b %Y %H:%M:%S GMT")) << millis;
    }
}

TEST(Clock, ParsesIso8601DatesAndTimesInUtc)
{
    EXPECT_EQ(parse_iso8601("2026-12-25T18:10:35.829Z"), Millis(1798222235829));
    EXPECT_EQ(parse_iso8601(format_iso8601(1798222235829)), Millis(1798222235829));
    EXPECT_EQ(parse_iso8601("2026-12-25T18:10:35Z"), Millis(1798222235000));
    EXPECT_EQ(parse_iso8601("2026-12-25"), Millis(1798156800000));
    EXPECT_EQ(parse_iso8601("yesterday"), std::nullopt);
    EXPECT_EQ(parse_iso8601("2026-13-01"), std::nullopt);
}

}
}
