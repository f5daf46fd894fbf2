#include "http/client_address.hpp"

#include "core/encoding.hpp"

#include <boost/beast/core/string.hpp>

#include <algorithm>

namespace mmsgate {

namespace {

net::ip::address from_ip_bytes(IpBytes const& bytes)
{
    auto v6 = net::ip::make_address_v6(bytes);
    if (v6.is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, v6);
    return v6;
}

// One hop as proxies write it: "203.0.113.7", "203.0.113.7:4711", "2001:db8::1", "[2001:db8::1]:4711",
// quoted in Forwarded. "unknown" and obfuscated identifiers ("_hidden") are not addresses.
std::optional<IpBytes> parse_hop(std::string_view text)
{
    text = trim_blanks(text);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    if (text.starts_with('[')) {
        auto close = text.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        return parse_ip_address(text.substr(1, close - 1));
    }
    if (auto colon = text.find(':'); colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos)
        text = text.substr(0, colon); // IPv4 with a port
    return parse_ip_address(text);
}

// The comma-separated hops of every field with this name, in order (several fields are one list).
std::vector<std::string_view> hops_of(http::request_header<> const& header, std::string_view name)
{
    std::vector<std::string_view> hops;
    for (auto const& field : header) {
        if (!beast::iequals(field.name_string(), beast::string_view(name.data(), name.size())))
            continue;
        std::string_view value(field.value().data(), field.value().size());
        while (true) {
            auto comma = value.find(',');
            hops.push_back(value.substr(0, comma));
            if (comma == std::string_view::npos)
                break;
            value.remove_prefix(comma + 1);
        }
    }
    return hops;
}

// Forwarded (RFC 7239): each element is "for=…;proto=…;by=…"; only for= names the client.
std::string_view forwarded_for(std::string_view element)
{
    while (!element.empty()) {
        auto semicolon = element.find(';');
        auto pair = trim_blanks(element.substr(0, semicolon));
        if (pair.size() > 4 && beast::iequals(beast::string_view(pair.data(), 4), "for="))
            return pair.substr(4);
        if (semicolon == std::string_view::npos)
            break;
        element.remove_prefix(semicolon + 1);
    }
    return {};
}

}

IpBytes to_ip_bytes(net::ip::address const& address)
{
    if (address.is_v4())
        return net::ip::make_address_v6(net::ip::v4_mapped, address.to_v4()).to_bytes();
    return address.to_v6().to_bytes();
}

std::string address_group(net::ip::address const& address)
{
    if (address.is_v4())
        return address.to_string();
    auto v6 = address.to_v6();
    if (v6.is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return net::ip::make_address_v6(bytes).to_string() + "/64";
}

net::ip::address client_address(net::ip::address const& peer, http::request_header<> const& header,
    std::vector<IpRange> const& trusted_proxies)
{
    if (trusted_proxies.empty() || !any_contains(trusted_proxies, to_ip_bytes(peer)))
        return peer;
    auto hops = hops_of(header, "X-Forwarded-For");
    bool forwarded = false;
    if (hops.empty()) {
        hops = hops_of(header, "Forwarded");
        forwarded = true;
    }
    // From the right: each trusted proxy vouches for the hop to its left, until the first hop that
    // is not a trusted proxy; that is the client. A hop that is no address ends the walk at the
    // last address a trusted proxy reported.
    auto client = peer;
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        auto address = parse_hop(forwarded ? forwarded_for(*hop) : *hop);
        if (!address)
            break;
        client = from_ip_bytes(*address);
        if (!any_contains(trusted_proxies, *address))
            break;
    }
    return client;
}

}
