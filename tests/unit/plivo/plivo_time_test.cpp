#include "plivo/plivo_time.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(PlivoTime, FormatsEveryPlivoForm)
{
    Millis const millis = 1767323045123; // 2026-01-02 03:04:05.123 UTC (date -u -d @1767323045)
    EXPECT_EQ(format_plivo_time(millis, PlivoTimeFormat::Seconds), "2026-01-02 03:04:05");
    EXPECT_EQ(format_plivo_time(millis, PlivoTimeFormat::SecondsWithOffset), "2026-01-02 03:04:05+00:00");
    EXPECT_EQ(format_plivo_time(millis, PlivoTimeFormat::Micros), "2026-01-02 03:04:05.123000");
    EXPECT_EQ(format_plivo_time(millis, PlivoTimeFormat::MicrosWithOffset), "2026-01-02 03:04:05.123000+00:00");
}

TEST(PlivoTime, ParsesTheDocumentedFilterFormsAndOffsets)
{
    EXPECT_EQ(parse_plivo_time("2026-01-02 03:04:05"), 1767323045000);
    EXPECT_EQ(parse_plivo_time("2026-01-02 03:04"), 1767323040000);
    EXPECT_EQ(parse_plivo_time("2026-01-02 03:04:05.123456"), 1767323045123);
    EXPECT_EQ(parse_plivo_time("2026-01-02 03:04:05+00:00"), 1767323045000);
    EXPECT_EQ(parse_plivo_time("2017-05-22 21:36:14+05:30"), 1495469174000); // date -u -d @1495469174
    EXPECT_EQ(parse_plivo_time("2026-01-02 03:04:05.9-01:00"), 1767326645900);
}

TEST(PlivoTime, RejectsMalformedTimes)
{
    for (auto text : { "", "2026-01-02", "2026-1-02 03:04:05", "2026-01-02 03:04:05 extra", "2026-13-02 03:04:05",
             "2026-01-02 03:04:05.", "2026-01-02 03:04:05+0100" })
        EXPECT_FALSE(parse_plivo_time(text)) << text;
}

}
