#include "auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

net::ip::address ip(char const* text) { return net::ip::make_address(text); }

constexpr Millis kStart = 1'000'000'000;

}

TEST(LoginThrottle, FiveFailuresAreFreeThenTheWaitDoublesUpToTheCeiling)
{
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    Millis now = kStart;
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, now), 0);
        throttle.record_failure("a@example.com", client, now);
    }
    EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, now), 0);
    Millis expected = 1000;
    for (int i = 0; i < 14; ++i) {
        throttle.record_failure("a@example.com", client, now);
        EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, now), std::min<Millis>(expected, 15 * 60 * 1000)) << i;
        now += std::min<Millis>(expected, 15 * 60 * 1000);
        EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, now), 0);
        expected *= 2;
    }
}

TEST(LoginThrottle, TheAddressIsThrottledWhateverAccountItTries)
{
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    for (int i = 0; i < 6; ++i)
        throttle.record_failure("user" + std::to_string(i) + "@example.com", client, kStart);
    EXPECT_GT(throttle.wait_before_attempt("someone-else@example.com", client, kStart), 0);
    EXPECT_EQ(throttle.wait_before_attempt("someone-else@example.com", ip("198.51.100.1"), kStart), 0);
}

TEST(LoginThrottle, Ipv6ClientsCountPerSlash64)
{
    LoginThrottle throttle;
    for (int i = 0; i < 6; ++i)
        throttle.record_failure("a@example.com", ip(("2001:db8:1:2::" + std::to_string(i + 1)).c_str()), kStart);
    EXPECT_GT(throttle.wait_before_attempt("b@example.com", ip("2001:db8:1:2:ffff::9"), kStart), 0);
    EXPECT_EQ(throttle.wait_before_attempt("b@example.com", ip("2001:db8:1:3::1"), kStart), 0);
    EXPECT_EQ(throttle_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
}

TEST(LoginThrottle, ASuccessClearsTheAddressAndTheAccount)
{
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    for (int i = 0; i < 6; ++i)
        throttle.record_failure("a@example.com", client, kStart);
    throttle.record_success("A@Example.com", client, kStart + 2000);
    EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, kStart + 2000), 0);
    // The counting starts again from zero.
    for (int i = 0; i < 5; ++i)
        throttle.record_failure("a@example.com", client, kStart + 3000);
    EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, kStart + 3000), 0);
}

TEST(LoginThrottle, StrangersFailingOnAnAccountDoNotLockItsOwnerOut)
{
    LoginThrottle throttle;
    auto owner = ip("198.51.100.7");
    throttle.record_success("owner@example.com", owner, kStart);
    // Many addresses, one failure each: the account (any letter case) is throttled for new addresses...
    for (int i = 0; i < 30; ++i)
        throttle.record_failure("Owner@example.com", ip(("203.0.113." + std::to_string(i + 1)).c_str()), kStart + 1000);
    EXPECT_GT(throttle.wait_before_attempt("owner@example.com", ip("203.0.113.200"), kStart + 1000), 0);
    EXPECT_LE(throttle.wait_before_attempt("owner@example.com", ip("203.0.113.200"), kStart + 1000), 15 * 60 * 1000);
    // ...but not for the address the owner signed in from.
    EXPECT_EQ(throttle.wait_before_attempt("owner@example.com", owner, kStart + 1000), 0);
}

TEST(LoginThrottle, FailuresAreForgottenAfterAnHour)
{
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    for (int i = 0; i < 5; ++i)
        throttle.record_failure("a@example.com", client, kStart);
    throttle.record_failure("a@example.com", client, kStart + 60 * 60 * 1000);
    EXPECT_EQ(throttle.wait_before_attempt("a@example.com", client, kStart + 60 * 60 * 1000), 0);
}

TEST(LoginThrottle, MemoryStaysBoundedWhenKeysAreSprayed)
{
    LoginThrottleSettings settings;
    settings.max_entries = 100;
    LoginThrottle throttle(settings);
    for (int i = 0; i < 10'000; ++i)
        throttle.record_failure("spray" + std::to_string(i) + "@example.com", ip("203.0.113.5"), kStart + i);
    // The sprayer's own address, being the most recent, is still throttled.
    EXPECT_GT(throttle.wait_before_attempt("x@example.com", ip("203.0.113.5"), kStart + 10'000), 0);
}

TEST(LoginThrottle, AttemptsInFlightCountBeforeTheirPasswordIsChecked)
{
    // A burst of simultaneous guesses: every one is let through (or not) before any has failed.
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    int let_through = 0;
    for (int i = 0; i < 20; ++i)
        let_through += throttle.reserve_attempt("a" + std::to_string(i) + "@example.com", client, kStart) == 0;
    EXPECT_EQ(let_through, 6);
}

TEST(LoginThrottle, ACancelledOrSuccessfulReservationIsNotAFailure)
{
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(throttle.reserve_attempt("a@example.com", client, kStart), 0) << i;
        if (i % 2 == 0)
            throttle.cancel_attempt("a@example.com", client);
        else
            throttle.record_success("a@example.com", client, kStart);
    }
}

TEST(LoginThrottle, LoggingInBetweenGuessesDoesNotResetTheAddressForOtherAccounts)
{
    // A user with an account sprays other accounts' passwords, signing in to their own between guesses.
    LoginThrottle throttle;
    auto sprayer = ip("203.0.113.5");
    int let_through = 0;
    for (int i = 0; i < 20; ++i) {
        let_through += throttle.reserve_attempt("victim" + std::to_string(i) + "@example.com", sprayer, kStart) == 0;
        if (throttle.reserve_attempt("me@example.com", sprayer, kStart) == 0)
            throttle.record_success("me@example.com", sprayer, kStart);
    }
    EXPECT_EQ(let_through, 6);
}

TEST(LoginThrottle, TheOwnersOwnTyposAreForgivenBySigningIn)
{
    LoginThrottle throttle;
    auto client = ip("203.0.113.5");
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 4; ++i)
            ASSERT_EQ(throttle.reserve_attempt("Me@example.com", client, kStart), 0) << round << " " << i;
        ASSERT_EQ(throttle.reserve_attempt("me@example.com", client, kStart), 0) << round;
        throttle.record_success("me@example.com", client, kStart);
    }
}

}
