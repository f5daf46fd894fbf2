#include "api_keys/api_key_format.hpp"
#include "api_keys/api_key_rate_limiter.hpp"
#include "auth/api_key_authenticator.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mmsgate {
namespace {

TEST(ApiKeyFormat, AKeyHasThePrefixTheLengthAndAValidChecksum)
{
    auto secret = generate_api_key();
    EXPECT_EQ(secret.key.size(), kApiKeyLength);
    EXPECT_TRUE(secret.key.starts_with("mmsk_"));
    EXPECT_EQ(secret.prefix, secret.key.substr(0, 13));
    EXPECT_EQ(api_key_lookup_prefix(secret.key), secret.prefix);
    EXPECT_EQ(secret.hash, api_key_hash(secret.key));
    EXPECT_EQ(secret.hash.size(), 64u);
}

TEST(ApiKeyFormat, EveryKeyIsNew)
{
    std::set<std::string> keys;
    for (int i = 0; i < 1000; ++i)
        keys.insert(generate_api_key().key);
    EXPECT_EQ(keys.size(), 1000u);
}

TEST(ApiKeyFormat, ATypoOrALookAlikeIsNotAKey)
{
    auto key = generate_api_key().key;
    for (std::size_t at = 5; at < key.size(); at += 7) {
        auto changed = key;
        changed[at] = changed[at] == 'a' ? 'b' : 'a';
        EXPECT_FALSE(api_key_lookup_prefix(changed)) << at;
    }
    EXPECT_FALSE(api_key_lookup_prefix(key.substr(1)));
    EXPECT_FALSE(api_key_lookup_prefix(key + "x"));
    EXPECT_FALSE(api_key_lookup_prefix("ghp_" + key.substr(4)));
    auto bad_character = key;
    bad_character[10] = '-';
    EXPECT_FALSE(api_key_lookup_prefix(bad_character));
}

TEST(ApiKeyFormat, KeyMarkersAreFoundInText)
{
    EXPECT_TRUE(contains_api_key_marker("q=mmsk_abc"));
    EXPECT_FALSE(contains_api_key_marker("q=mmsk_"));
    EXPECT_FALSE(contains_api_key_marker("q=hello"));
}

TEST(ApiKeyRateLimiter, BurstsUpToTheLimitThenWaitsForTheRate)
{
    ApiKeyRateLimiter limiter(60); // one a second
    for (int i = 0; i < 60; ++i)
        EXPECT_EQ(limiter.take("k", 1000), 0) << i;
    EXPECT_EQ(limiter.take("k", 1000), 1);
    EXPECT_EQ(limiter.take("other", 1000), 0) << "every key has its own bucket";
    EXPECT_EQ(limiter.take("k", 2000), 0);
    EXPECT_EQ(limiter.take("k", 2000), 1);

    ApiKeyRateLimiter slow(2); // one per 30 s
    EXPECT_EQ(slow.take("k", 0), 0);
    EXPECT_EQ(slow.take("k", 0), 0);
    EXPECT_EQ(slow.take("k", 0), 30);
    EXPECT_EQ(slow.take("k", 20000), 10);
}

Request request_for(std::string target, std::string authorization = {})
{
    Request request;
    request.message.target(target);
    if (!authorization.empty())
        request.message.set(http::field::authorization, authorization);
    return request;
}

TEST(ApiKeyRequests, KeysInTheQueryAreRefused)
{
    for (std::string target : { "/api/messages?api_key=x", "/api/messages?KEY=x", "/api/messages?token=", "/api/messages?access_token=1",
             "/api/messages?q=mmsk_abc", "/api/messages?q=mmsk%5Fabc" })
        EXPECT_TRUE(key_in_query_refusal(request_for(target))) << target;
    for (std::string target : { "/api/messages", "/api/messages?q=monkey&limit=5", "/api/messages?q=mmsk_" })
        EXPECT_FALSE(key_in_query_refusal(request_for(target))) << target;
}

TEST(ApiKeyRequests, BearerTokensAreRead)
{
    EXPECT_EQ(bearer_token(request_for("/", "Bearer mmsk_x")), "mmsk_x");
    EXPECT_EQ(bearer_token(request_for("/", "bearer   mmsk_x ")), "mmsk_x");
    EXPECT_FALSE(bearer_token(request_for("/", "Basic abc")));
    EXPECT_FALSE(bearer_token(request_for("/")));
    EXPECT_FALSE(bearer_token(request_for("/", "Bearerx")));
}

TEST(ApiKeyRequests, RateLimitedAnswersCarryRetryAfter)
{
    auto response = authentication_failure(rate_limited_failure(7, "over"));
    EXPECT_EQ(response.result(), http::status::too_many_requests);
    EXPECT_EQ(response[http::field::retry_after], "7");
    EXPECT_EQ(authentication_failure(*key_in_query_refusal(request_for("/?key=1"))).result(), http::status::bad_request);
}

TEST(ApiKeyRequests, FailedAuthenticationsAreAuditedSparingly)
{
    FailureAuditThrottle throttle;
    EXPECT_TRUE(throttle.admit("10.0.0.1", 1000));
    EXPECT_FALSE(throttle.admit("10.0.0.1", 2000));
    EXPECT_TRUE(throttle.admit("10.0.0.2", 2000));
    EXPECT_TRUE(throttle.admit("10.0.0.1", 62000));
    for (int i = 3; i < 40; ++i)
        (void)throttle.admit("10.0.0." + std::to_string(i), 63000);
    EXPECT_FALSE(throttle.admit("10.0.1.1", 63000)) << "30 a minute in all";
}

}
}
