#pragma once
// Who made a request. The socket's peer, unless the peer is a trusted proxy
// (MMSGATE_TRUSTED_PROXIES): then the rightmost X-Forwarded-For address that is not itself a trusted
// proxy (or, without X-Forwarded-For, the same from Forwarded's for=). Anything left of that is
// written by the client and never believed. Used for login throttling and the access log.
#include "core/asio.hpp"
#include "core/ip_range.hpp"

#include <vector>

namespace mmsgate {

[[nodiscard]] net::ip::address client_address(net::ip::address const& peer,
    http::request_header<> const& header, std::vector<IpRange> const& trusted_proxies);

[[nodiscard]] IpBytes to_ip_bytes(net::ip::address const& address);

}
