#include "config/quiet_hours_setting.hpp"

#include <gtest/gtest.h>

namespace mmsgate::testing {
namespace {

TEST(QuietHoursSetting, OffUnlessSet)
{
    EXPECT_FALSE(parse_quiet_hours("")->enabled);
    EXPECT_FALSE(parse_quiet_hours("off")->enabled);
}

TEST(QuietHoursSetting, ASpanAcrossMidnight)
{
    auto quiet = parse_quiet_hours("21:00-08:00");
    ASSERT_TRUE(quiet && quiet->enabled);
    EXPECT_TRUE(quiet->is_quiet(21 * 60));
    EXPECT_TRUE(quiet->is_quiet(3 * 60));
    EXPECT_TRUE(quiet->is_quiet(7 * 60 + 59));
    EXPECT_FALSE(quiet->is_quiet(8 * 60));
    EXPECT_FALSE(quiet->is_quiet(20 * 60 + 59));
}

TEST(QuietHoursSetting, ASpanWithinADay)
{
    auto quiet = parse_quiet_hours("12:30-13:00");
    ASSERT_TRUE(quiet);
    EXPECT_TRUE(quiet->is_quiet(12 * 60 + 30));
    EXPECT_FALSE(quiet->is_quiet(13 * 60));
    EXPECT_FALSE(quiet->is_quiet(12 * 60 + 29));
}

TEST(QuietHoursSetting, RefusesWhatIsNotASpan)
{
    for (auto text : { "21-08", "21:00", "25:00-08:00", "21:00-08:60", "08:00-08:00", "9:00-17:00", "on" })
        EXPECT_FALSE(parse_quiet_hours(text)) << text;
}

}
}
