#pragma once
// A real http::Server on 127.0.0.1 (port 0) in this process, run on one thread of its own, for unit
// tests of what the server does on a real socket. Header-only: the test target links mmsgate_http.
#include "http/server.hpp"

#include <functional>
#include <memory>
#include <thread>

namespace mmsgate::testing {

class InProcessServer {
public:
    // `configure` runs on the bound server before it starts (observers, site security); `settings`
    // are the server's limits (the address is always 127.0.0.1, port 0).
    explicit InProcessServer(std::shared_ptr<Router> router, std::function<void(Server&)> const& configure = {},
        HttpSettings settings = {})
    {
        settings.listen_host = "127.0.0.1";
        settings.listen_port = 0;
        m_server = std::make_shared<Server>(m_io, settings, std::move(router));
        auto bound = m_server->bind();
        if (!bound)
            throw std::runtime_error(bound.error().message);
        m_port = bound->port();
        if (configure)
            configure(*m_server);
        m_server->start();
        // One I/O thread: a response's observer runs before the connection reads the next request.
        m_runner = std::thread([this] { m_io.run(); });
    }

    ~InProcessServer()
    {
        net::post(m_io, [server = m_server, &io = m_io] { server->stop([&io] { io.stop(); }); });
        m_runner.join();
    }

    InProcessServer(InProcessServer const&) = delete;
    InProcessServer& operator=(InProcessServer const&) = delete;

    [[nodiscard]] std::uint16_t port() const { return m_port; }
    [[nodiscard]] std::shared_ptr<Server> const& server() const { return m_server; }

private:
    net::io_context m_io;
    std::shared_ptr<Server> m_server;
    std::thread m_runner;
    std::uint16_t m_port = 0;
};

}
