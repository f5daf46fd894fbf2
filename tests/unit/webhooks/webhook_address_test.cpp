// Which webhook URLs and resolved addresses are allowed.
#include "webhooks/webhook_address.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

TEST(WebhookAddress, PublicHttpsUrlsPass)
{
    EXPECT_TRUE(validate_webhook_url("https://hooks.example.com/mmsgate?x=1", false));
    EXPECT_TRUE(validate_webhook_url("https://93.184.216.34:8443/in", false));
}

TEST(WebhookAddress, PlainHttpAndPrivateHostsNeedTheExplicitAllowance)
{
    for (auto url : { "http://hooks.example.com/in", "https://127.0.0.1/in", "https://localhost/in", "https://10.1.2.3/in",
             "https://[::1]/in", "https://[::ffff:127.0.0.1]/in", "https://0x7f.1/in", "https://receiver.internal/in",
             "https://169.254.169.254/latest" }) {
        auto refused = validate_webhook_url(url, false);
        ASSERT_FALSE(refused) << url;
        EXPECT_EQ(refused.error().field, "url");
        EXPECT_TRUE(validate_webhook_url(url, true)) << url;
    }
}

TEST(WebhookAddress, CredentialsOtherSchemesAndControlsAreRefusedAlways)
{
    for (auto url : { "https://user:pass@hooks.example.com/", "ftp://hooks.example.com/", "/relative", "https://hooks.example.com/a b",
             "https://hooks.example.com/\n", "" }) {
        EXPECT_FALSE(validate_webhook_url(url, true)) << url;
    }
    EXPECT_FALSE(validate_webhook_url("https://hooks.example.com/" + std::string(3000, 'a'), false));
}

TEST(WebhookAddress, EveryResolvedAddressIsJudged)
{
    EXPECT_FALSE(refused_address_reason(net::ip::make_address("93.184.216.34")));
    EXPECT_FALSE(refused_address_reason(net::ip::make_address("2606:2800:220:1:248:1893:25c8:1946")));
    for (auto address : { "127.0.0.1", "10.0.0.1", "192.168.1.1", "169.254.169.254", "::1", "fd00::1", "::ffff:10.0.0.1", "0.0.0.0" })
        EXPECT_TRUE(refused_address_reason(net::ip::make_address(address))) << address;
}

TEST(WebhookAddress, ResolvingALoopbackNameIsRefusedWithoutTheAllowance)
{
    net::io_context io;
    auto url = *parse_http_url("http://localhost:9/in");
    std::optional<Result<std::string>> refused, allowed;
    net::co_spawn(io, [&]() -> Awaitable<void> {
        refused = co_await resolve_webhook_address(url, false);
        allowed = co_await resolve_webhook_address(url, true);
    }, net::detached);
    io.run();
    ASSERT_TRUE(refused && allowed);
    ASSERT_FALSE(*refused);
    EXPECT_EQ(refused->error().code, ErrorCode::PermissionDenied);
    ASSERT_TRUE(*allowed);
    EXPECT_TRUE(**allowed == "127.0.0.1" || **allowed == "::1") << **allowed;
}

}
}
