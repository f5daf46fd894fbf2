#include "core/ip_address_ranges.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mmsgate {

namespace {

// The literal's special-purpose range, nullopt when public or no address literal.
std::optional<std::string_view> special_purpose_range_of_literal(std::string_view text)
{
    auto literal = parse_ip_literal(text);
    if (!literal)
        return std::nullopt;
    return literal->v4 ? special_purpose_range(*literal->v4) : special_purpose_range(*literal->v6);
}

struct Classified {
    char const* address;
    char const* range; // the description's start, or nullptr for a public address
};

void expect_classified(Classified const& expected)
{
    SCOPED_TRACE(expected.address);
    auto range = special_purpose_range_of_literal(expected.address);
    if (!expected.range) {
        EXPECT_EQ(range, std::nullopt);
        return;
    }
    ASSERT_TRUE(range);
    EXPECT_TRUE(range->starts_with(expected.range)) << *range;
}

}

TEST(IpAddressRanges, ClassifiesEveryIpv4SpecialPurposeBlockAtItsEdges)
{
    Classified const cases[] = {
        { "0.0.0.0", "0.0.0.0/8" }, { "0.255.255.255", "0.0.0.0/8" }, { "1.0.0.0", nullptr },
        { "9.255.255.255", nullptr }, { "10.0.0.0", "10.0.0.0/8" }, { "10.255.255.255", "10.0.0.0/8" },
        { "11.0.0.0", nullptr }, { "100.63.255.255", nullptr }, { "100.64.0.0", "100.64.0.0/10" },
        { "100.127.255.255", "100.64.0.0/10" }, { "100.128.0.0", nullptr }, { "127.0.0.1", "127.0.0.0/8" },
        { "127.255.255.255", "127.0.0.0/8" }, { "169.253.255.255", nullptr }, { "169.254.169.254", "169.254.0.0/16" },
        { "172.15.255.255", nullptr }, { "172.16.0.0", "172.16.0.0/12" }, { "172.31.255.255", "172.16.0.0/12" },
        { "172.32.0.0", nullptr }, { "192.0.0.1", "192.0.0.0/24" }, { "192.0.0.170", "192.0.0.0/24" },
        { "192.0.1.0", nullptr }, { "192.0.2.1", "192.0.2.0/24" }, { "192.31.196.1", "192.31.196.0/24" },
        { "192.52.193.1", "192.52.193.0/24" }, { "192.88.99.1", "192.88.99.0/24" }, { "192.88.100.1", nullptr },
        { "192.167.255.255", nullptr }, { "192.168.0.1", "192.168.0.0/16" }, { "192.175.48.1", "192.175.48.0/24" },
        { "198.17.255.255", nullptr }, { "198.18.0.1", "198.18.0.0/15" }, { "198.19.255.255", "198.18.0.0/15" },
        { "198.20.0.0", nullptr }, { "198.51.100.7", "198.51.100.0/24" }, { "203.0.113.7", "203.0.113.0/24" },
        { "203.0.114.0", nullptr }, { "223.255.255.255", nullptr }, { "224.0.0.1", "224.0.0.0/4" },
        { "239.255.255.255", "224.0.0.0/4" }, { "240.0.0.1", "240.0.0.0/4" }, { "255.255.255.255", "240.0.0.0/4" },
        { "8.8.8.8", nullptr }, { "1.1.1.1", nullptr }, { "93.184.216.34", nullptr },
    };
    for (auto const& expected : cases)
        expect_classified(expected);
}

TEST(IpAddressRanges, ClassifiesEveryIpv6SpecialPurposeBlock)
{
    Classified const cases[] = {
        { "::", "::/128" }, { "::1", "::1/128" }, { "[::1]", "::1/128" }, { "64:ff9b:1::1", "64:ff9b:1::/48" },
        { "100::1", "100::/64" }, { "100:0:0:1::1", "100:0:0:1::/64" }, { "2001:2::1", "2001::/23" },
        { "2001:1ff:ffff::1", "2001::/23" }, { "2001:200::1", nullptr }, { "2001:db8::1", "2001:db8::/32" },
        { "2620:4f:8000::1", "2620:4f:8000::/48" }, { "2620:4f:8001::1", nullptr }, { "3fff::1", "3fff::/20" },
        { "3fff:0fff::1", "3fff::/20" }, { "3fff:1000::1", nullptr }, { "5f00::1", "5f00::/16" },
        { "fc00::1", "fc00::/7" }, { "fdff::1", "fc00::/7" }, { "fe80::1", "fe80::/10" }, { "febf::1", "fe80::/10" },
        { "fec0::1", "fec0::/10" }, { "ff02::1", "ff00::/8" }, { "4000::1", "outside 2000::/3" },
        { "1000::1", "outside 2000::/3" }, { "2606:4700:4700::1111", nullptr }, { "2a00:1450:4001::1", nullptr },
    };
    for (auto const& expected : cases)
        expect_classified(expected);
}

TEST(IpAddressRanges, JudgesIpv6ThatEmbedsIpv4ByItsIpv4Address)
{
    Classified const cases[] = {
        // IPv4-mapped ::ffff:0:0/96.
        { "::ffff:127.0.0.1", "127.0.0.0/8" }, { "::ffff:7f00:1", "127.0.0.0/8" }, { "::ffff:10.0.0.1", "10.0.0.0/8" },
        { "::ffff:8.8.8.8", nullptr },
        // IPv4-compatible ::/96 (deprecated).
        { "::127.0.0.1", "127.0.0.0/8" }, { "::7f00:1", "127.0.0.0/8" }, { "::a9fe:a9fe", "169.254.0.0/16" },
        { "::8.8.8.8", nullptr },
        // SIIT ::ffff:0:0:0/96.
        { "::ffff:0:7f00:1", "127.0.0.0/8" }, { "::ffff:0:c0a8:1", "192.168.0.0/16" }, { "::ffff:0:808:808", nullptr },
        // NAT64 64:ff9b::/96.
        { "64:ff9b::7f00:1", "127.0.0.0/8" }, { "64:ff9b::127.0.0.1", "127.0.0.0/8" }, { "64:ff9b::a00:1", "10.0.0.0/8" },
        { "64:ff9b::808:808", nullptr },
        // 6to4 2002::/16: the IPv4 address is bits 16..47.
        { "2002:7f00:1::1", "127.0.0.0/8" }, { "2002:c0a8:101::1", "192.168.0.0/16" }, { "2002:a9fe:a9fe::", "169.254.0.0/16" },
        { "2002:808:808::1", nullptr },
        // Teredo 2001::/32: server in bits 32..63, client inverted in the last 32 bits.
        { "2001:0:808:808::80ff:fffe", "127.0.0.0/8" }, { "2001:0:7f00:1::f7f7:f7f7", "127.0.0.0/8" },
        { "2001:0:808:808::f7f7:f7f7", nullptr },
    };
    for (auto const& expected : cases)
        expect_classified(expected);
    Ipv6Address mapped {};
    mapped[10] = mapped[11] = 0xff;
    mapped[12] = 192;
    mapped[15] = 1;
    EXPECT_EQ(embedded_ipv4(mapped), (Ipv4Address { 192, 0, 0, 1 }));
    Ipv6Address plain {};
    plain[0] = 0x26;
    plain[15] = 1;
    EXPECT_EQ(embedded_ipv4(plain), std::nullopt);
}

TEST(IpAddressRanges, ReadsOnlyAddressLiterals)
{
    for (auto text : { "example.com", "127.1", "0x7f.0.0.1", "fe80::1%eth0", "[::1", "", "1.2.3.4.5" }) {
        EXPECT_FALSE(parse_ip_literal(text)) << text;
        EXPECT_EQ(special_purpose_range_of_literal(text), std::nullopt) << text;
    }
    EXPECT_TRUE(parse_ip_literal("1.2.3.4")->v4);
    EXPECT_TRUE(parse_ip_literal("[2001:db8::1]")->v6);
}

// Every table entry must parse: a typo used to become a zero-length prefix silently.
TEST(IpAddressRanges, EveryTableEntryParses)
{
    EXPECT_NO_THROW((void)special_purpose_range(Ipv4Address { 8, 8, 8, 8 }));
    EXPECT_NO_THROW((void)special_purpose_range(*parse_ip_address("2606:4700::1")));
    EXPECT_EQ(special_purpose_range(Ipv4Address { 8, 8, 8, 8 }), std::nullopt);
    EXPECT_EQ(special_purpose_range(*parse_ip_address("2606:4700::1")), std::nullopt);
}

}
