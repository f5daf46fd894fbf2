// The retry schedule of webhook deliveries.
#include "webhooks/webhook_backoff.hpp"

#include "config/config.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

using std::chrono::milliseconds;

TEST(WebhookBackoff, DoublesFromTheFirstDelayUpToTheLongest)
{
    EXPECT_EQ(webhook_retry_delay(1, milliseconds(5000), milliseconds(3600000), 1.0), 5000);
    EXPECT_EQ(webhook_retry_delay(2, milliseconds(5000), milliseconds(3600000), 1.0), 10000);
    EXPECT_EQ(webhook_retry_delay(3, milliseconds(5000), milliseconds(3600000), 1.0), 20000);
    EXPECT_EQ(webhook_retry_delay(10, milliseconds(5000), milliseconds(3600000), 1.0), 2560000);
    EXPECT_EQ(webhook_retry_delay(11, milliseconds(5000), milliseconds(3600000), 1.0), 3600000);
    EXPECT_EQ(webhook_retry_delay(1000, milliseconds(5000), milliseconds(3600000), 1.0), 3600000);
}

TEST(WebhookBackoff, JitterScalesTheDelayWithinTwentyPercent)
{
    EXPECT_EQ(webhook_retry_delay(2, milliseconds(5000), milliseconds(3600000), 0.8), 8000);
    EXPECT_EQ(webhook_retry_delay(2, milliseconds(5000), milliseconds(3600000), 1.2), 12000);
    for (int round = 0; round < 200; ++round) {
        auto jitter = draw_webhook_jitter();
        EXPECT_GE(jitter, 0.8);
        EXPECT_LE(jitter, 1.2);
    }
}

TEST(WebhookBackoff, TheDefaultsRetryForMoreThanADayBeforeGivingUp)
{
    WebhookSettings defaults;
    EXPECT_GE(defaults.retry_window, std::chrono::hours(24));
    // Even with the shortest jitter every time, the attempts spread over the whole window, at
    // most an hour apart once the delay has grown.
    Millis elapsed = 0;
    int attempts = 0;
    auto window = std::chrono::duration_cast<milliseconds>(defaults.retry_window).count();
    while (elapsed < window) {
        ++attempts;
        elapsed += webhook_retry_delay(attempts, defaults.retry_first_delay, defaults.retry_longest_delay, 0.8);
    }
    EXPECT_GE(attempts, 20);
    EXPECT_LE(attempts, 50);
    EXPECT_LE(defaults.disable_after, defaults.retry_window);
}

}
}
