// The dispatcher's backoff between retries that certainly did not reach Plivo.
#include "messaging/dispatch/dispatcher.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

using std::chrono::milliseconds;

TEST(RetryDelay, DoublesFromTheFirstDelayUpToTheLongestWithJitter)
{
    for (int round = 0; round < 50; ++round) {
        auto first = retry_delay(1, std::nullopt, milliseconds(200), milliseconds(1000));
        EXPECT_GE(first, 160);
        EXPECT_LE(first, 240);
        auto third = retry_delay(3, std::nullopt, milliseconds(200), milliseconds(1000));
        EXPECT_GE(third, 640);
        EXPECT_LE(third, 960);
        auto capped = retry_delay(30, std::nullopt, milliseconds(200), milliseconds(1000));
        EXPECT_GE(capped, 800);
        EXPECT_LE(capped, 1200);
    }
}

TEST(RetryDelay, DefaultsAreOneSecondToAMinute)
{
    auto first = retry_delay(1, std::nullopt);
    EXPECT_GE(first, 800);
    EXPECT_LE(first, 1200);
    auto capped = retry_delay(12, std::nullopt);
    EXPECT_GE(capped, 48'000);
    EXPECT_LE(capped, 72'000);
}

TEST(RetryDelay, NeverShorterThanRetryAfter)
{
    EXPECT_GE(retry_delay(1, 5, milliseconds(200), milliseconds(1000)), 5000);
}

}
}
