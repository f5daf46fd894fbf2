// Quiet hours: the recipient's local time from the area code, and when the window opens.
#include "messaging/quiet_hours/nanp_area_zones.hpp"
#include "messaging/quiet_hours/recipient_window.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate::testing {
namespace {

Millis at(char const* iso) { return *parse_iso8601(iso); }

QuietHoursSettings nine_to_eight() { return *parse_quiet_hours("21:00-08:00"); }

Millis next_for(char const* recipient, char const* now)
{
    auto zones = recipient_zones(recipient);
    return next_allowed_time(nine_to_eight(), zones, at(now));
}

struct WindowCase {
    char const* name;
    char const* recipient;
    char const* now; // UTC
    char const* goes; // UTC; equal to now when not held
};

class QuietWindow : public ::testing::TestWithParam<WindowCase> { };

TEST_P(QuietWindow, GoesWhenTheWindowIsOpenInEveryZoneOfTheAreaCode)
{
    auto const& window = GetParam();
    EXPECT_EQ(format_iso8601(next_for(window.recipient, window.now)), format_iso8601(at(window.goes)));
}

INSTANTIATE_TEST_SUITE_P(Table, QuietWindow,
    ::testing::Values(
        // New York, winter (EST, UTC-5): 22:00 local is 03:00 UTC; 08:00 local is 13:00 UTC.
        WindowCase { "NewYorkAt22Waits", "+12125550100", "2026-12-05T03:00:00Z", "2026-12-05T13:00:00Z" },
        WindowCase { "NewYorkAtNoonGoes", "+12125550100", "2026-12-05T17:00:00Z", "2026-12-05T17:00:00Z" },
        WindowCase { "NewYorkAt2059Goes", "+12125550100", "2026-12-06T01:59:00Z", "2026-12-06T01:59:00Z" },
        WindowCase { "NewYorkAt2100Waits", "+12125550100", "2026-12-06T02:00:00Z", "2026-12-06T13:00:00Z" },
        WindowCase { "NewYorkAt0759Waits", "+12125550100", "2026-12-05T12:59:30Z", "2026-12-05T13:00:00Z" },
        // Summer (EDT, UTC-4): 08:00 local is 12:00 UTC.
        WindowCase { "NewYorkSummer", "+12125550100", "2026-07-01T03:00:00Z", "2026-07-01T12:00:00Z" },
        // The night DST starts (8 March 2026): 22:00 EST on the 7th waits until 08:00 EDT = 12:00 UTC.
        WindowCase { "NewYorkSpringForward", "+12125550100", "2026-03-08T03:00:00Z", "2026-03-08T12:00:00Z" },
        // The night DST ends (1 November 2026): 22:00 EDT on 31 Oct waits until 08:00 EST = 13:00 UTC.
        WindowCase { "NewYorkFallBack", "+12125550100", "2026-11-01T02:00:00Z", "2026-11-01T13:00:00Z" },
        // Phoenix keeps MST all year: 08:00 is 15:00 UTC in summer too.
        WindowCase { "PhoenixNoDst", "+16025550100", "2026-07-01T06:00:00Z", "2026-07-01T15:00:00Z" },
        // 208 (Idaho) spans Mountain and Pacific: 08:00 Pacific (the later) decides the start, 21:00
        // Mountain (the earlier) the end. Winter: 08:00 PST = 16:00 UTC; 21:00 MST = 04:00 UTC.
        WindowCase { "IdahoWaitsForPacificMorning", "+12085550100", "2026-12-05T15:30:00Z", "2026-12-05T16:00:00Z" },
        WindowCase { "IdahoStopsAtMountainEvening", "+12085550100", "2026-12-06T04:30:00Z", "2026-12-06T16:00:00Z" },
        WindowCase { "IdahoOpenInBoth", "+12085550100", "2026-12-05T20:00:00Z", "2026-12-05T20:00:00Z" },
        // 907 (Alaska) includes Adak and Honolulu (UTC-10): winter 08:00 HST = 18:00 UTC.
        WindowCase { "AlaskaWaitsForHawaiiAleutian", "+19075550100", "2026-12-05T17:00:00Z", "2026-12-05T18:00:00Z" },
        // 709 spans Newfoundland (UTC-3:30) and Labrador's Atlantic time (UTC-4): 08:00 AST = 12:00
        // UTC opens it, 21:00 NST = 00:30 UTC closes it (the half hour).
        WindowCase { "NewfoundlandMorningWaitsForAtlantic", "+17095550100", "2026-12-05T11:30:00Z", "2026-12-05T12:00:00Z" },
        WindowCase { "NewfoundlandAt2059Goes", "+17095550100", "2026-12-06T00:29:00Z", "2026-12-06T00:29:00Z" },
        WindowCase { "NewfoundlandAt2100Waits", "+17095550100", "2026-12-06T00:30:00Z", "2026-12-06T12:00:00Z" },
        // Toronto (416), Vancouver (604): Canadian numbers follow the same rules.
        WindowCase { "Toronto", "+14165550100", "2026-12-05T03:00:00Z", "2026-12-05T13:00:00Z" },
        WindowCase { "Vancouver", "+16045550100", "2026-12-05T15:00:00Z", "2026-12-05T16:00:00Z" }),
    [](::testing::TestParamInfo<WindowCase> const& info) { return std::string(info.param.name); });

TEST(QuietWindow, OffOrNoZonesNeverHolds)
{
    auto night = at("2026-12-05T03:00:00Z");
    EXPECT_EQ(next_allowed_time(QuietHoursSettings {}, recipient_zones("+12125550100"), night), night);
    EXPECT_EQ(next_allowed_time(nine_to_eight(), recipient_zones("+442071838750"), night), night);
    EXPECT_TRUE(recipient_zones("+442071838750").empty());
}

TEST(QuietWindow, AnUnknownAreaCodeCountsAsEveryZone)
{
    ASSERT_FALSE(zones_of_area_code(999));
    auto zones = recipient_zones("+19995550100");
    EXPECT_GE(zones.size(), 10u);
    // 15:00 UTC in winter is 10:00 in New York but 05:00 in Honolulu: held until 08:00 HST.
    EXPECT_EQ(format_iso8601(next_allowed_time(nine_to_eight(), zones, at("2026-12-05T15:00:00Z"))), "2026-12-05T18:00:00.000Z");
}

TEST(QuietWindow, EveryZoneOfTheTableHasARule)
{
    int known_area_codes = 0;
    for (int area_code = 200; area_code <= 999; ++area_code) {
        auto known = zones_of_area_code(area_code);
        if (!known)
            continue;
        ++known_area_codes;
        for (auto name : known->zones) {
            if (!name.empty()) {
                EXPECT_TRUE(zone_rule(name)) << area_code << " " << name;
            }
        }
    }
    // Every line of nanp_area_zones.txt.
    EXPECT_EQ(known_area_codes, 416);
    auto idaho = zones_of_area_code(208);
    ASSERT_TRUE(idaho);
    EXPECT_EQ(idaho->zones[0], "America/Boise");
    EXPECT_EQ(idaho->zones[2], "America/Los_Angeles");
    auto northern_canada = zones_of_area_code(867);
    ASSERT_TRUE(northern_canada);
    EXPECT_EQ(northern_canada->zones[4], "America/Winnipeg");
}

// The rule table against the system's IANA tzdata (Debian's tzdata), every 30 minutes around both
// changes of 2026 and 2027 and hourly through 2026. TZ is process-wide: this test runs alone in
// its process's thread and restores it.
TEST(QuietWindow, RulesAgreeWithTheSystemTzdata)
{
    if (!std::filesystem::exists("/usr/share/zoneinfo/America/New_York"))
        GTEST_SKIP() << "no tzdata";
    auto saved = std::getenv("TZ") ? std::optional<std::string>(std::getenv("TZ")) : std::nullopt;
    std::vector<Millis> instants;
    for (Millis t = at("2026-01-01T00:00:00Z"); t < at("2027-01-01T00:00:00Z"); t += 3'600'000)
        instants.push_back(t);
    for (auto around : { "2026-03-08T00:00:00Z", "2026-11-01T00:00:00Z", "2027-03-14T00:00:00Z", "2027-11-07T00:00:00Z" }) {
        for (Millis t = at(around); t < at(around) + 48 * 3'600'000LL; t += 1'800'000)
            instants.push_back(t);
    }
    int known_area_codes = 0;
    for (int area_code = 200; area_code <= 999; ++area_code) {
        auto known = zones_of_area_code(area_code);
        if (!known)
            continue;
        ++known_area_codes;
        for (auto name : known->zones) {
            if (name.empty())
                continue;
            auto zone = *zone_rule(name);
            setenv("TZ", std::string(name).c_str(), 1);
            tzset();
            for (auto t : instants) {
                std::time_t seconds = t / 1000;
                std::tm local {};
                localtime_r(&seconds, &local);
                ASSERT_EQ(utc_offset_minutes(zone, t), int(local.tm_gmtoff / 60)) << name << " at " << format_iso8601(t);
            }
        }
    }
    if (saved)
        setenv("TZ", saved->c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

}
}
