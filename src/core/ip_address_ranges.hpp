#pragma once
// Which IP addresses are ordinary public unicast addresses and which belong to a special-purpose
// range (loopback, private, link-local, documentation, benchmarking, translation prefixes, …), for
// every check that must not let a request reach this machine or its network (media URLs, webhook
// URLs, link preflight). The ranges are one table in ip_address_ranges.cpp, from the IANA IPv4 and
// IPv6 Special-Purpose Address Registries.
// Addresses, ranges and their parsing are core/ip_range.hpp's; the table is parsed with it, and an
// entry that does not parse stops the first check with std::logic_error (a unit test runs it).
#include "core/ip_range.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mmsgate {

using Ipv4Address = std::array<std::uint8_t, 4>;
using Ipv6Address = IpBytes;

// The special-purpose range `address` lies in, as "127.0.0.0/8 (loopback)"; nullopt for an
// address that is globally reachable unicast.
[[nodiscard]] std::optional<std::string_view> special_purpose_range(Ipv4Address const& address);

// The same for IPv6. An IPv6 address that embeds an IPv4 address (IPv4-mapped, IPv4-compatible,
// SIIT, NAT64 64:ff9b::/96, 6to4, Teredo) is judged by its IPv4 address (both of Teredo's), so
// [::ffff:127.0.0.1], [::7f00:1] and [2002:7f00:1::1] are loopback.
[[nodiscard]] std::optional<std::string_view> special_purpose_range(Ipv6Address const& address);

// The IPv4 address an IPv6 address embeds in one of the forms above (Teredo: the client's), if any.
[[nodiscard]] std::optional<Ipv4Address> embedded_ipv4(Ipv6Address const& address);

// Dotted-decimal IPv4, or IPv6 with or without brackets; nothing else (no zone ids). Which of the
// two the text was matters to URL hosts ("[1.2.3.4]" is no host), hence two fields.
struct IpLiteral {
    std::optional<Ipv4Address> v4;
    std::optional<Ipv6Address> v6;
};
[[nodiscard]] std::optional<IpLiteral> parse_ip_literal(std::string_view literal);

}
