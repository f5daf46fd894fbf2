// Standard Webhooks signatures, checked against the specification's published test vector.
#include "webhooks/webhook_signature.hpp"

#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

// The vector of the reference libraries' sign test (standard-webhooks/standard-webhooks,
// libraries/python/tests/test_webhooks.py, test_sign_function; the same in the JavaScript and Go
// libraries): not a value computed here.
constexpr std::string_view kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view kMessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t kTimestamp = 1614265330;
constexpr std::string_view kPayload = R"({"test": 2432232314})";
constexpr std::string_view kExpected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

TEST(WebhookSignature, MatchesThePublishedTestVector)
{
    EXPECT_EQ(sign_webhook(kSecret, kMessageId, kTimestamp, kPayload), std::optional<std::string>(kExpected));
}

TEST(WebhookSignature, AnyChangeToIdTimestampOrBodyChangesIt)
{
    EXPECT_NE(sign_webhook(kSecret, "msg_other", kTimestamp, kPayload), std::optional<std::string>(kExpected));
    EXPECT_NE(sign_webhook(kSecret, kMessageId, kTimestamp + 1, kPayload), std::optional<std::string>(kExpected));
    EXPECT_NE(sign_webhook(kSecret, kMessageId, kTimestamp, R"({"test": 2432232315})"), std::optional<std::string>(kExpected));
}

TEST(WebhookSignature, RefusesSecretsWithoutThePrefixOrKey)
{
    EXPECT_FALSE(sign_webhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kMessageId, kTimestamp, kPayload));
    EXPECT_FALSE(sign_webhook("whsec_", kMessageId, kTimestamp, kPayload));
    EXPECT_FALSE(sign_webhook("whsec_!!!", kMessageId, kTimestamp, kPayload));
}

TEST(WebhookSignature, NewSecretsAreWhsecWith32RandomBytes)
{
    auto first = new_webhook_secret();
    auto second = new_webhook_secret();
    ASSERT_TRUE(first.starts_with("whsec_"));
    EXPECT_NE(first, second);
    auto key = webhook_secret_key(first);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->size(), 32u);
}

TEST(WebhookSignature, DuringARotationTheHeaderCarriesBothSignaturesSpaceSeparated)
{
    auto other = new_webhook_secret();
    auto header = webhook_signature_header({ other, std::string(kSecret) }, kMessageId, kTimestamp, kPayload);
    auto space = header.find(' ');
    ASSERT_NE(space, std::string::npos);
    EXPECT_EQ(header.substr(0, space), *sign_webhook(other, kMessageId, kTimestamp, kPayload));
    EXPECT_EQ(header.substr(space + 1), kExpected);
    EXPECT_EQ(webhook_signature_header({ std::string(kSecret) }, kMessageId, kTimestamp, kPayload), kExpected);
}

}
}
