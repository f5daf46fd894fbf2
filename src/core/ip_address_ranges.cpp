#include "core/ip_address_ranges.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace mmsgate {

namespace {

struct Range {
    std::string_view block; // "prefix/length", parsed once
    std::string_view description; // what callers show: block and name
};

// Source: IANA IPv4 Special-Purpose Address Registry
// (https://www.iana.org/assignments/iana-ipv4-special-registry), every entry, whether or not the
// registry calls it globally reachable: a media or webhook host has no business in any of them.
// Added from the IANA IPv4 Address Space Registry: 224.0.0.0/4 (multicast).
constexpr Range kIpv4Ranges[] = {
    { "0.0.0.0/8", "0.0.0.0/8 (this network)" },
    { "10.0.0.0/8", "10.0.0.0/8 (private use)" },
    { "100.64.0.0/10", "100.64.0.0/10 (shared address space, carrier-grade NAT)" },
    { "127.0.0.0/8", "127.0.0.0/8 (loopback)" },
    { "169.254.0.0/16", "169.254.0.0/16 (link local)" },
    { "172.16.0.0/12", "172.16.0.0/12 (private use)" },
    { "192.0.0.0/24", "192.0.0.0/24 (IETF protocol assignments)" },
    { "192.0.2.0/24", "192.0.2.0/24 (documentation, TEST-NET-1)" },
    { "192.31.196.0/24", "192.31.196.0/24 (AS112-v4)" },
    { "192.52.193.0/24", "192.52.193.0/24 (AMT)" },
    { "192.88.99.0/24", "192.88.99.0/24 (deprecated 6to4 relay anycast)" },
    { "192.168.0.0/16", "192.168.0.0/16 (private use)" },
    { "192.175.48.0/24", "192.175.48.0/24 (direct delegation AS112 service)" },
    { "198.18.0.0/15", "198.18.0.0/15 (benchmarking)" },
    { "198.51.100.0/24", "198.51.100.0/24 (documentation, TEST-NET-2)" },
    { "203.0.113.0/24", "203.0.113.0/24 (documentation, TEST-NET-3)" },
    { "224.0.0.0/4", "224.0.0.0/4 (multicast)" },
    { "240.0.0.0/4", "240.0.0.0/4 (reserved)" },
    { "255.255.255.255/32", "255.255.255.255/32 (limited broadcast)" },
};

// Source: IANA IPv6 Special-Purpose Address Registry
// (https://www.iana.org/assignments/iana-ipv6-special-registry), every entry except the prefixes
// that embed an IPv4 address, which are judged by that address (see embedded_ipv4): ::ffff:0:0/96,
// 64:ff9b::/96, 2001::/32 (Teredo) and 2002::/16. 64:ff9b:1::/48 (local-use translation) is
// refused whole: it is never globally reachable. Added from RFC 4291 and the IANA IPv6 Address
// Space Registry: fec0::/10 (deprecated site-local, RFC 3879), ff00::/8 (multicast) and, as the
// last word, everything outside 2000::/3, the only block IANA allocates for global unicast.
constexpr Range kIpv6Ranges[] = {
    { "::/128", "::/128 (unspecified)" },
    { "::1/128", "::1/128 (loopback)" },
    { "64:ff9b:1::/48", "64:ff9b:1::/48 (local-use IPv4/IPv6 translation)" },
    { "100::/64", "100::/64 (discard only)" },
    { "100:0:0:1::/64", "100:0:0:1::/64 (dummy IPv6 prefix)" },
    { "2001::/23", "2001::/23 (IETF protocol assignments)" },
    { "2001:db8::/32", "2001:db8::/32 (documentation)" },
    { "2620:4f:8000::/48", "2620:4f:8000::/48 (direct delegation AS112 service)" },
    { "3fff::/20", "3fff::/20 (documentation)" },
    { "5f00::/16", "5f00::/16 (segment routing SIDs)" },
    { "fc00::/7", "fc00::/7 (unique local)" },
    { "fe80::/10", "fe80::/10 (link-local unicast)" },
    { "fec0::/10", "fec0::/10 (deprecated site-local)" },
    { "ff00::/8", "ff00::/8 (multicast)" },
};
constexpr std::string_view kOutsideGlobalUnicast = "outside 2000::/3 (not global unicast)";

struct ParsedRange {
    IpRange range;
    std::string_view description;
};

// A typo in a table must not become a zero-length prefix (which would match everything, or with
// a wrong family nothing): it stops the first check, which every unit test run makes.
template <std::size_t Count>
std::vector<ParsedRange> parse_ranges(Range const (&ranges)[Count], bool ipv4)
{
    std::vector<ParsedRange> parsed;
    for (auto const& entry : ranges) {
        auto range = parse_ip_range(entry.block);
        if (!range || entry.block.find('/') == std::string_view::npos
            || (entry.block.find(':') == std::string_view::npos) != ipv4)
            throw std::logic_error("special-purpose range table: '" + std::string(entry.block) + "' is not a valid block");
        parsed.push_back({ *range, entry.description });
    }
    return parsed;
}

std::optional<std::string_view> find_range(IpBytes const& address, std::vector<ParsedRange> const& ranges)
{
    for (auto const& entry : ranges) {
        if (entry.range.contains(address))
            return entry.description;
    }
    return std::nullopt;
}

IpBytes mapped(Ipv4Address const& address)
{
    IpBytes bytes {};
    bytes[10] = bytes[11] = 0xff;
    std::copy(address.begin(), address.end(), bytes.begin() + 12);
    return bytes;
}

bool all_zero(Ipv6Address const& address, std::size_t from, std::size_t to)
{
    for (auto i = from; i < to; ++i) {
        if (address[i] != 0)
            return false;
    }
    return true;
}

Ipv4Address ipv4_at(Ipv6Address const& address, std::size_t offset, std::uint8_t flip = 0)
{
    return { std::uint8_t(address[offset] ^ flip), std::uint8_t(address[offset + 1] ^ flip),
        std::uint8_t(address[offset + 2] ^ flip), std::uint8_t(address[offset + 3] ^ flip) };
}

bool is_teredo(Ipv6Address const& address)
{
    return address[0] == 0x20 && address[1] == 0x01 && address[2] == 0 && address[3] == 0;
}

}

std::optional<std::string_view> special_purpose_range(Ipv4Address const& address)
{
    static auto const ranges = parse_ranges(kIpv4Ranges, true);
    return find_range(mapped(address), ranges);
}

std::optional<Ipv4Address> embedded_ipv4(Ipv6Address const& address)
{
    // ::/96 IPv4-compatible (deprecated, RFC 4291 2.5.5.1), ::ffff:0:0/96 IPv4-mapped (RFC 4291
    // 2.5.5.2), ::ffff:0:0:0/96 SIIT IPv4-translated (RFC 2765): the last 32 bits.
    if (all_zero(address, 0, 10)
        && ((address[10] == 0 && address[11] == 0) || (address[10] == 0xff && address[11] == 0xff)))
        return ipv4_at(address, 12);
    if (all_zero(address, 0, 8) && address[8] == 0xff && address[9] == 0xff && address[10] == 0 && address[11] == 0)
        return ipv4_at(address, 12);
    // 64:ff9b::/96, the NAT64 well-known prefix (RFC 6052): the last 32 bits.
    if (address[0] == 0 && address[1] == 0x64 && address[2] == 0xff && address[3] == 0x9b && all_zero(address, 4, 12))
        return ipv4_at(address, 12);
    // 2002::/16, 6to4 (RFC 3056): bits 16..47.
    if (address[0] == 0x20 && address[1] == 0x02)
        return ipv4_at(address, 2);
    // 2001::/32, Teredo (RFC 4380): the client's address, inverted, in the last 32 bits.
    if (is_teredo(address))
        return ipv4_at(address, 12, 0xff);
    return std::nullopt;
}

std::optional<std::string_view> special_purpose_range(Ipv6Address const& address)
{
    static auto const ranges = parse_ranges(kIpv6Ranges, false);
    // :: and ::1 are IPv4-compatible in form only; they keep their own names.
    if (all_zero(address, 0, 15) && address[15] <= 1)
        return find_range(address, ranges);
    if (auto v4 = embedded_ipv4(address)) {
        if (auto range = special_purpose_range(*v4))
            return range;
        // Teredo also carries its server's address, in bits 32..63.
        if (is_teredo(address))
            return special_purpose_range(ipv4_at(address, 4));
        return std::nullopt;
    }
    if (auto range = find_range(address, ranges))
        return range;
    if ((address[0] & 0xe0) != 0x20)
        return kOutsideGlobalUnicast;
    return std::nullopt;
}

std::optional<IpLiteral> parse_ip_literal(std::string_view literal)
{
    if (literal.size() >= 2 && literal.front() == '[' && literal.back() == ']')
        literal = literal.substr(1, literal.size() - 2);
    auto address = parse_ip_address(literal);
    if (!address)
        return std::nullopt;
    IpLiteral parsed;
    if (literal.find(':') == std::string_view::npos)
        parsed.v4 = Ipv4Address { (*address)[12], (*address)[13], (*address)[14], (*address)[15] };
    else
        parsed.v6 = *address;
    return parsed;
}

}
