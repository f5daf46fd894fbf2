#pragma once
// What a handler sees of an HTTP request: Beast's message plus what routing and the connection add.
#include "core/asio.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

using RequestMessage = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// 127.0.0.0/8, ::1 and IPv4-mapped loopback.
[[nodiscard]] bool is_loopback_address(net::ip::address const& address);

struct Request {
    RequestMessage message;
    std::map<std::string, std::string, std::less<>> path_parameters;
    std::string request_id;
    net::ip::address peer;
    // Who made the request: the peer, or the client a trusted proxy names (http/client_address.hpp).
    net::ip::address client;
    // A reverse proxy is declared (MMSGATE_TRUSTED_PROXIES): a loopback peer may then be the proxy
    // carrying an internet client, so loopback earns no trust (see is_local_client).
    bool proxy_declared = false;
    // A handler sets this to drop the connection without answering (the Plivo simulator's fault injection).
    bool drop_connection = false;

    [[nodiscard]] std::string_view path() const;
    [[nodiscard]] std::string_view query() const;
    [[nodiscard]] std::optional<std::string> query_value(std::string_view name) const;
    [[nodiscard]] std::string_view header(std::string_view name) const;
    [[nodiscard]] std::string_view header(http::field field) const;
    [[nodiscard]] std::string_view path_parameter(std::string_view name) const;
    [[nodiscard]] bool peer_is_loopback() const;
    // A tool on this machine, not a proxy forwarding someone else: a loopback peer with no proxy declared.
    [[nodiscard]] bool is_local_client() const;
};

}
