#pragma once
// IP address ranges written as "203.0.113.7", "10.0.0.0/8", "2001:db8::/32" (settings such as
// MMSGATE_TRUSTED_PROXIES). An IPv4 address inside IPv6 (::ffff:a.b.c.d) is compared as IPv4.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

// An address as 16 bytes, IPv4 in its IPv4-mapped IPv6 form, so one comparison covers both.
using IpBytes = std::array<std::uint8_t, 16>;

// Parses a bare IPv4 or IPv6 literal (no brackets, no port, no zone); IPv4-mapped form for IPv4.
// The one address parser: ip_address_ranges.hpp and client_address.hpp build on it.
[[nodiscard]] std::optional<IpBytes> parse_ip_address(std::string_view text);

// ::ffff:a.b.c.d: how IPv4 is held here.
[[nodiscard]] bool is_v4_mapped(IpBytes const& address);

// This machine's loopback: ::1 and 127.0.0.0/8 (as IPv4-mapped). Peer addresses are judged by this
// alone; URL hosts (is_loopback_host) also by the IPv4 address an IPv6 literal embeds.
[[nodiscard]] bool is_loopback(IpBytes const& address);

struct IpRange {
    IpBytes network {};
    int prefix_length = 128; // in IPv6 terms: an IPv4 /24 is stored as /120
    [[nodiscard]] bool contains(IpBytes const& address) const;
};

// "address" or "address/prefix"; nullopt for anything else (including host bits set beyond the
// prefix: "10.0.0.1/8" is almost always a typo for another range).
[[nodiscard]] std::optional<IpRange> parse_ip_range(std::string_view text);

// A comma-separated list (spaces allowed); an empty text is an empty list. The error names the entry.
struct IpRangeList {
    std::vector<IpRange> ranges;
    std::string error; // empty when every entry parsed
};
[[nodiscard]] IpRangeList parse_ip_range_list(std::string_view text);

[[nodiscard]] bool any_contains(std::vector<IpRange> const& ranges, IpBytes const& address);

}
