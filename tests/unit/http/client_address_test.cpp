#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

std::vector<IpRange> trusted(std::string_view text)
{
    auto list = parse_ip_range_list(text);
    EXPECT_TRUE(list.error.empty()) << list.error;
    return list.ranges;
}

std::string client_of(std::string_view peer, std::vector<std::pair<std::string, std::string>> const& headers,
    std::string_view proxies)
{
    http::request_header<> header;
    for (auto const& [name, value] : headers)
        header.insert(name, value);
    return client_address(net::ip::make_address(peer), header, trusted(proxies)).to_string();
}

std::string const kXff = "X-Forwarded-For";
std::string const kForwarded = "Forwarded";

}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay)
{
    EXPECT_EQ(client_of("198.51.100.9", { { kXff, "203.0.113.7" } }, ""), "198.51.100.9");
    EXPECT_EQ(client_of("127.0.0.1", { { kForwarded, "for=203.0.113.7" } }, ""), "127.0.0.1");
}

TEST(ClientAddress, AnUntrustedPeerCannotClaimAnotherAddress)
{
    EXPECT_EQ(client_of("198.51.100.9", { { kXff, "203.0.113.7" } }, "10.0.0.0/8"), "198.51.100.9");
}

TEST(ClientAddress, TheRightmostAddressThatIsNoTrustedProxyIsTheClient)
{
    // The client wrote a fake first hop; the two proxies appended what they saw.
    EXPECT_EQ(client_of("10.0.0.2", { { kXff, "1.2.3.4, 203.0.113.7, 10.0.0.1" } }, "10.0.0.0/8"), "203.0.113.7");
    EXPECT_EQ(client_of("10.0.0.2", { { kXff, "1.2.3.4" }, { kXff, "203.0.113.7" } }, "10.0.0.0/8"), "203.0.113.7");
    EXPECT_EQ(client_of("::1", { { kXff, "2001:db8::7" } }, "::1"), "2001:db8::7");
    EXPECT_EQ(client_of("::ffff:127.0.0.1", { { kXff, "203.0.113.7" } }, "127.0.0.1"), "203.0.113.7");
    // Ports and brackets as some proxies write them.
    EXPECT_EQ(client_of("127.0.0.1", { { kXff, "203.0.113.7:4711" } }, "127.0.0.1"), "203.0.113.7");
    EXPECT_EQ(client_of("127.0.0.1", { { kXff, "[2001:db8::7]:4711" } }, "127.0.0.1"), "2001:db8::7");
}

TEST(ClientAddress, OnlyTrustedProxiesInTheChainMeansTheLeftmostHop)
{
    EXPECT_EQ(client_of("10.0.0.2", { { kXff, "10.0.0.5, 10.0.0.1" } }, "10.0.0.0/8"), "10.0.0.5");
}

TEST(ClientAddress, AHopThatIsNoAddressStopsAtTheLastAddressATrustedProxyReported)
{
    EXPECT_EQ(client_of("127.0.0.1", { { kXff, "garbage" } }, "127.0.0.1"), "127.0.0.1");
    EXPECT_EQ(client_of("10.0.0.2", { { kXff, "203.0.113.7, unknown, 10.0.0.1" } }, "10.0.0.0/8"), "10.0.0.1");
    EXPECT_EQ(client_of("127.0.0.1", { { kXff, "" } }, "127.0.0.1"), "127.0.0.1");
}

TEST(ClientAddress, ForwardedForWhenThereIsNoXForwardedFor)
{
    EXPECT_EQ(client_of("127.0.0.1", { { kForwarded, "for=198.51.100.1, for=203.0.113.7;proto=https;by=127.0.0.1" } }, "127.0.0.1"),
        "203.0.113.7");
    EXPECT_EQ(client_of("127.0.0.1", { { kForwarded, "proto=https;For=\"[2001:db8:cafe::17]:4711\"" } }, "127.0.0.1"),
        "2001:db8:cafe::17");
    EXPECT_EQ(client_of("127.0.0.1", { { kForwarded, "for=_hidden" } }, "127.0.0.1"), "127.0.0.1");
    // X-Forwarded-For wins when a proxy sends both.
    EXPECT_EQ(client_of("127.0.0.1", { { kForwarded, "for=198.51.100.1" }, { kXff, "203.0.113.7" } }, "127.0.0.1"), "203.0.113.7");
}

TEST(AddressGroup, Ipv6CountsPerSlash64AndMappedIpv4AsIpv4)
{
    auto group = [](char const* text) { return address_group(net::ip::make_address(text)); };
    EXPECT_EQ(group("192.0.2.1"), "192.0.2.1");
    EXPECT_EQ(group("::ffff:192.0.2.1"), "192.0.2.1");
    EXPECT_EQ(group("2001:db8:1:2::1"), "2001:db8:1:2::/64");
    // One /64 is one client, however many addresses it uses.
    EXPECT_EQ(group("2001:db8:1:2:ffff:ffff:ffff:ffff"), group("2001:db8:1:2::1"));
    EXPECT_NE(group("2001:db8:1:3::1"), group("2001:db8:1:2::1"));
    EXPECT_EQ(group("::1"), "::/64");
}

}
