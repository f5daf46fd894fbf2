#include "http/same_origin.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

Request request_with(std::vector<std::pair<std::string, std::string>> headers)
{
    Request request;
    request.message.method(http::verb::post);
    request.message.target("/api/send-mms");
    for (auto const& [name, value] : headers)
        request.message.set(name, value);
    return request;
}

}

TEST(SameOrigin, ComparesSchemeHostAndPortExactly)
{
    constexpr auto kConfigured = "https://mms.example.com";
    EXPECT_TRUE(is_same_origin("https://mms.example.com", kConfigured));
    EXPECT_TRUE(is_same_origin("https://MMS.example.com:443", kConfigured));
    EXPECT_TRUE(is_same_origin("https://mms.example.com/send?x=1", kConfigured));
    for (auto origin : { "http://mms.example.com", "https://mms.example.com:8443", "https://evil.example",
             "https://mms.example.com.evil.example", "null", "", "https://evil.example\\@mms.example.com",
             "https://localhost", "mms.example.com" })
        EXPECT_FALSE(is_same_origin(origin, kConfigured)) << origin;
}

TEST(SameOrigin, ALocalStartAcceptsEveryLoopbackNameOnItsPort)
{
    constexpr auto kConfigured = "http://127.0.0.1:3000";
    for (auto origin : { "http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000" })
        EXPECT_TRUE(is_same_origin(origin, kConfigured)) << origin;
    for (auto origin : { "https://127.0.0.1:3000", "http://localhost:3001", "http://evil.example:3000",
             "http://evil.example\\@127.0.0.1:3000" })
        EXPECT_FALSE(is_same_origin(origin, kConfigured)) << origin;
}

TEST(SameOrigin, JudgesOriginThenRefererThenFetchMetadata)
{
    constexpr auto kConfigured = "http://127.0.0.1:3000";
    EXPECT_FALSE(is_cross_site_request(request_with({}), kConfigured));
    EXPECT_FALSE(is_cross_site_request(request_with({ { "Origin", "http://localhost:3000" } }), kConfigured));
    EXPECT_TRUE(is_cross_site_request(request_with({ { "Origin", "https://127.0.0.1:3000" } }), kConfigured));
    EXPECT_TRUE(is_cross_site_request(request_with({ { "Origin", "null" } }), kConfigured));
    EXPECT_FALSE(is_cross_site_request(request_with({ { "Referer", "http://127.0.0.1:3000/send" } }), kConfigured));
    EXPECT_TRUE(is_cross_site_request(request_with({ { "Referer", "http://evil.example/127.0.0.1:3000" } }), kConfigured));
    EXPECT_TRUE(is_cross_site_request(request_with({ { "Sec-Fetch-Site", "cross-site" }, { "Origin", kConfigured } }), kConfigured));
    // Host no longer matters: the old check accepted any Origin equal to scheme + the request's Host.
    EXPECT_TRUE(is_cross_site_request(
        request_with({ { "Host", "rebind.attacker.example:3000" }, { "Origin", "http://rebind.attacker.example:3000" } }),
        kConfigured));
}

}
