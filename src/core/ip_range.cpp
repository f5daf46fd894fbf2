#include "core/ip_range.hpp"

#include "core/encoding.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace mmsgate {

bool is_v4_mapped(IpBytes const& bytes)
{
    for (int i = 0; i < 10; ++i) {
        if (bytes[i] != 0)
            return false;
    }
    return bytes[10] == 0xff && bytes[11] == 0xff;
}

bool is_loopback(IpBytes const& address)
{
    IpBytes ipv6_loopback {};
    ipv6_loopback[15] = 1;
    return address == ipv6_loopback || (is_v4_mapped(address) && address[12] == 127);
}

std::optional<IpBytes> parse_ip_address(std::string_view text)
{
    if (text.empty() || text.size() > 45)
        return std::nullopt;
    std::string copy(text);
    IpBytes bytes {};
    std::array<std::uint8_t, 4> v4 {};
    if (inet_pton(AF_INET, copy.c_str(), v4.data()) == 1) {
        bytes[10] = bytes[11] = 0xff;
        std::copy(v4.begin(), v4.end(), bytes.begin() + 12);
        return bytes;
    }
    if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) == 1)
        return bytes;
    return std::nullopt;
}

bool IpRange::contains(IpBytes const& address) const
{
    int full_bytes = prefix_length / 8;
    for (int i = 0; i < full_bytes; ++i) {
        if (address[i] != network[i])
            return false;
    }
    int rest = prefix_length % 8;
    if (rest == 0)
        return true;
    auto mask = std::uint8_t(0xff << (8 - rest));
    return (address[full_bytes] & mask) == network[full_bytes];
}

std::optional<IpRange> parse_ip_range(std::string_view text)
{
    text = trim_blanks(text);
    auto slash = text.find('/');
    auto address = parse_ip_address(text.substr(0, slash));
    if (!address)
        return std::nullopt;
    bool is_v4 = is_v4_mapped(*address) && text.substr(0, slash).find(':') == std::string_view::npos;
    IpRange range { *address, 128 };
    if (slash == std::string_view::npos)
        return range;
    auto digits = text.substr(slash + 1);
    int prefix = -1;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc {} || end != digits.data() + digits.size() || prefix < 0 || prefix > (is_v4 ? 32 : 128))
        return std::nullopt;
    range.prefix_length = is_v4 ? prefix + 96 : prefix;
    // Host bits beyond the prefix must be zero.
    IpRange masked { {}, range.prefix_length };
    for (int bit = 0; bit < range.prefix_length; ++bit)
        masked.network[bit / 8] |= std::uint8_t(range.network[bit / 8] & (0x80 >> (bit % 8)));
    if (masked.network != range.network)
        return std::nullopt;
    return range;
}

IpRangeList parse_ip_range_list(std::string_view text)
{
    IpRangeList list;
    while (!trim_blanks(text).empty()) {
        auto comma = text.find(',');
        auto entry = trim_blanks(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view {} : text.substr(comma + 1);
        if (entry.empty())
            continue;
        auto range = parse_ip_range(entry);
        if (!range) {
            list.error = "'" + std::string(entry) + "' is not an IP address or CIDR range (like 10.0.0.0/8 or 2001:db8::/32)";
            return list;
        }
        list.ranges.push_back(*range);
    }
    return list;
}

bool any_contains(std::vector<IpRange> const& ranges, IpBytes const& address)
{
    for (auto const& range : ranges) {
        if (range.contains(address))
            return true;
    }
    return false;
}

}
