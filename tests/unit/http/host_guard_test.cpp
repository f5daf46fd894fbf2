#include "http/host_guard.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

Request request_for(std::string_view host, std::string_view peer = "127.0.0.1", std::string target = "/api/status")
{
    Request request;
    request.message.method(http::verb::get);
    request.message.target(target);
    request.message.version(11);
    request.message.set(http::field::host, std::string(host));
    request.peer = net::ip::make_address(peer);
    return request;
}

}

TEST(HostGuard, WithoutAConfiguredUrlAcceptsOnlyLoopbackNamesWithTheListeningPort)
{
    HostGuard guard({}, 3000);
    for (auto host : { "127.0.0.1:3000", "localhost:3000", "LOCALHOST:3000", "[::1]:3000", "[0:0:0:0:0:0:0:1]:3000",
             "127.0.0.2:3000", "2130706433:3000" })
        EXPECT_TRUE(guard.allows(request_for(host))) << host;
    for (auto host : { "rebind.attacker.example:3000", "127.0.0.1:3001", "127.0.0.1", "localhost", "evil@127.0.0.1:3000",
             "127.0.0.1:3000/x", "127.0.0.1:3000\\", "", "10.0.0.1:3000", "localhost.attacker.example:3000", "[::]:3000",
             "0.0.0.0:3000" })
        EXPECT_FALSE(guard.allows(request_for(host))) << host;
    // Only from a loopback peer.
    EXPECT_FALSE(guard.allows(request_for("127.0.0.1:3000", "10.0.0.5")));
    EXPECT_TRUE(guard.allows(request_for("127.0.0.1:3000", "::1")));
    EXPECT_TRUE(guard.allows(request_for("127.0.0.1:3000", "::ffff:127.0.0.1")));
}

TEST(HostGuard, BehindADeclaredProxyLoopbackNamesFromLoopbackAreRefused)
{
    // nginx's plain `proxy_pass http://127.0.0.1:3000;` connects from loopback and sends
    // Host: 127.0.0.1:3000 for every internet request.
    HostGuard guard({ "https://mms.example.com" }, 3000);
    auto proxied = request_for("127.0.0.1:3000");
    proxied.proxy_declared = true;
    EXPECT_FALSE(guard.allows(proxied));
    proxied.message.set(http::field::host, "mms.example.com");
    EXPECT_TRUE(guard.allows(proxied));
}

TEST(HostGuard, AcceptsTheConfiguredHostsWithTheirPortsFromAnyPeer)
{
    HostGuard guard({ "https://mms.example.com", "http://callbacks.example.com:8080" }, 3000);
    for (auto host : { "mms.example.com", "MMS.example.com:443", "mms.example.com:0443", "callbacks.example.com:8080" })
        EXPECT_TRUE(guard.allows(request_for(host, "203.0.113.9"))) << host;
    for (auto host : { "mms.example.com:80", "mms.example.com:3000", "callbacks.example.com", "mms.example.com.",
             "xmms.example.com", "mms.example.com.attacker.example", "127.0.0.1:3000" })
        EXPECT_FALSE(guard.allows(request_for(host, "203.0.113.9"))) << host;
}

TEST(HostGuard, RefusesMissingAndRepeatedHosts)
{
    HostGuard guard({}, 3000);
    auto missing = request_for("127.0.0.1:3000");
    missing.message.erase(http::field::host);
    EXPECT_FALSE(guard.allows(missing));
    auto repeated = request_for("127.0.0.1:3000");
    repeated.message.insert(http::field::host, "127.0.0.1:3000");
    EXPECT_FALSE(guard.allows(repeated));
}

TEST(HostGuard, LetsExemptPathsAndPredicatesPass)
{
    HostGuard guard({}, 3000);
    guard.exempt_path("/healthz");
    guard.exempt_when([](Request const& request) { return request.header("X-Token") == "yes"; });
    EXPECT_TRUE(guard.allows(request_for("10.0.0.7", "10.0.0.1", "/healthz")));
    EXPECT_TRUE(guard.allows(request_for("10.0.0.7", "10.0.0.1", "/healthz?x=1")));
    EXPECT_FALSE(guard.allows(request_for("10.0.0.7", "10.0.0.1", "/healthz/x")));
    auto with_token = request_for("10.0.0.7", "10.0.0.1");
    with_token.message.set("X-Token", "yes");
    EXPECT_TRUE(guard.allows(with_token));
}

}
