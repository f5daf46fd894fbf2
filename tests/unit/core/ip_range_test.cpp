#include "core/ip_range.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

bool in(std::string_view range, std::string_view address)
{
    auto parsed = parse_ip_range(range);
    auto bytes = parse_ip_address(address);
    EXPECT_TRUE(parsed) << range;
    EXPECT_TRUE(bytes) << address;
    return parsed && bytes && parsed->contains(*bytes);
}

}

TEST(IpRange, SingleAddressesAndCidrRangesOfBothFamilies)
{
    EXPECT_TRUE(in("203.0.113.7", "203.0.113.7"));
    EXPECT_FALSE(in("203.0.113.7", "203.0.113.8"));
    EXPECT_TRUE(in("10.0.0.0/8", "10.255.1.2"));
    EXPECT_FALSE(in("10.0.0.0/8", "11.0.0.1"));
    EXPECT_TRUE(in("172.16.0.0/12", "172.31.255.255"));
    EXPECT_FALSE(in("172.16.0.0/12", "172.32.0.0"));
    EXPECT_TRUE(in("0.0.0.0/0", "198.51.100.1"));
    EXPECT_FALSE(in("0.0.0.0/0", "2001:db8::1")); // an IPv4 range holds no IPv6 address
    EXPECT_TRUE(in("2001:db8::/32", "2001:db8:ffff::1"));
    EXPECT_FALSE(in("2001:db8::/32", "2001:db9::1"));
    EXPECT_TRUE(in("::1", "::1"));
    EXPECT_TRUE(in("fc00::/7", "fdff::1"));
    EXPECT_FALSE(in("fd00::/8", "fc00::1"));
}

TEST(IpRange, Ipv4MappedIpv6IsComparedAsIpv4)
{
    EXPECT_TRUE(in("127.0.0.0/8", "::ffff:127.0.0.1"));
    EXPECT_TRUE(in("::ffff:10.0.0.0/104", "10.1.2.3"));
}

TEST(IpRange, RefusesMalformedRanges)
{
    for (auto text : { "", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "10.0.0.1/8", "2001:db8::1/32",
             "::/129", "localhost", "10.0.0", "[::1]", "10.0.0.1:80", "fe80::1%eth0" })
        EXPECT_FALSE(parse_ip_range(text)) << text;
}

TEST(IpRange, ListsAreCommaSeparatedAndNameTheBadEntry)
{
    auto list = parse_ip_range_list(" 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32,");
    EXPECT_TRUE(list.error.empty()) << list.error;
    ASSERT_EQ(list.ranges.size(), 3u);
    EXPECT_TRUE(any_contains(list.ranges, *parse_ip_address("192.0.2.1")));
    EXPECT_FALSE(any_contains(list.ranges, *parse_ip_address("192.0.2.2")));
    EXPECT_TRUE(parse_ip_range_list("").ranges.empty());
    auto bad = parse_ip_range_list("10.0.0.0/8, proxy.internal");
    EXPECT_NE(bad.error.find("proxy.internal"), std::string::npos) << bad.error;
}

}
