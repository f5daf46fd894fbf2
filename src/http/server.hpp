#pragma once
// The HTTP/1.1 server: one coroutine per connection on a shared io_context, keep-alive, limits on
// header size, body size, read times and connection count, an access log, and a graceful stop.
#include "config/config.hpp"
#include "http/host_guard.hpp"
#include "http/router.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace mmsgate {

// What the server adds to every request and response for the site's security (not for the
// simulator's server): the Host check, and HSTS when the site is served over https.
struct SiteSecurity {
    std::optional<HostGuard> host_guard; // none: any Host
    bool strict_transport_security = false;
};

struct RequestRecord {
    std::string_view method;
    std::string_view route; // the matched pattern, not the concrete path
    unsigned status = 0;
    double seconds = 0;
};

class Server : public std::enable_shared_from_this<Server> {
public:
    Server(net::io_context& io, HttpSettings settings, std::shared_ptr<Router const> router);

    // Binds the listening socket; returns the bound endpoint (port 0 picks a free port).
    [[nodiscard]] Result<net::ip::tcp::endpoint> bind();
    // Starts accepting connections on the bound socket.
    void start();
    // Stops accepting, lets in-flight requests finish and closes idle connections; `on_drained`
    // runs on an I/O thread once no request is in flight or after the deadline.
    void stop(std::function<void()> on_drained);

    // Called after every request (metrics).
    void set_request_observer(std::function<void(RequestRecord const&)> observer) { m_observer = std::move(observer); }
    // Set before start().
    void set_site_security(SiteSecurity security) { m_security = std::move(security); }
    [[nodiscard]] int open_connections() const { return m_open_connections.load(); }

private:
    Awaitable<void> accept_loop();
    Awaitable<void> run_session(net::ip::tcp::socket socket, net::ip::address peer);
    // Takes a connection slot for `peer`'s address_group (its IPv6 /64); false when it already holds its share.
    bool take_address_slot(net::ip::address const& peer);
    void release_address_slot(net::ip::address const& peer);
    Awaitable<bool> serve_one(beast::tcp_stream& stream, beast::flat_buffer& buffer, net::ip::address peer);
    Awaitable<Response> dispatch(Request& request, Router::Match const& match);
    template <class Body>
    void add_security_headers(http::response<Body>& response) const;
    void finish_if_drained();

    net::io_context& m_io;
    HttpSettings m_settings;
    std::shared_ptr<Router const> m_router;
    net::ip::tcp::acceptor m_acceptor;
    std::atomic<int> m_open_connections { 0 };
    std::atomic<int> m_requests_in_flight { 0 };
    std::atomic<bool> m_stopping { false };
    std::function<void()> m_on_drained;
    std::atomic<bool> m_drained_called { false };
    std::function<void(RequestRecord const&)> m_observer;
    std::atomic<std::uint64_t> m_request_counter { 0 };
    SiteSecurity m_security;
    std::mutex m_connections_by_address_mutex;
    // By address_group: one IPv4 address or one IPv6 /64 (a client holds a whole /64).
    std::map<std::string, int, std::less<>> m_connections_by_address;
};

}
