#pragma once
// Who made a request. The socket's peer, unless the peer is a trusted proxy
// (MMSGATE_TRUSTED_PROXIES): then the rightmost X-Forwarded-For address that is not itself a trusted
// proxy (or, without X-Forwarded-For, the same from Forwarded's for=). Anything left of that is
// written by the client and never believed. Used for login throttling and the access log.
#include "core/asio.hpp"
#include "core/ip_range.hpp"

#include <string>
#include <vector>

namespace mmsgate {

[[nodiscard]] net::ip::address client_address(net::ip::address const& peer,
    http::request_header<> const& header, std::vector<IpRange> const& trusted_proxies);

[[nodiscard]] IpBytes to_ip_bytes(net::ip::address const& address);

// What one client can be assumed to hold, for per-client limits (connection slots, login
// throttling): an IPv4 address ("192.0.2.1", also for ::ffff:192.0.2.1), or an IPv6 /64
// ("2001:db8:1:2::/64"), since one subscriber is routinely given a whole /64.
[[nodiscard]] std::string address_group(net::ip::address const& address);

}
