#pragma once
// Test helpers: a tiny HTTP/1.1 server on 127.0.0.1 (port 0) running on its own thread, that answers,
// closes after reading, or never answers.
#include "core/asio.hpp"
#include "plivo/http_types.hpp"
#include "plivo/simulator/simulator.hpp"

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mmsgate::testing {

struct ReceivedRequest {
    std::string method = {};
    std::string target = {};
    HttpHeaders headers = {};
    std::string body = {};
};

struct CannedReply {
    int status = 200;
    HttpHeaders headers = {};
    std::string body = {};
    std::chrono::milliseconds delay { 0 };
    bool drop_connection = false;
};

enum class ServerBehaviour { Answer, CloseAfterRead, NeverAnswer };

class LoopbackServer {
public:
    using Handler = std::function<CannedReply(ReceivedRequest const&)>;

    explicit LoopbackServer(ServerBehaviour behaviour, Handler handler = {})
        : m_behaviour(behaviour)
        , m_handler(std::move(handler))
        , m_acceptor(m_io, { net::ip::make_address("127.0.0.1"), 0 })
    {
        net::co_spawn(m_io, accept_loop(this), net::detached);
        m_thread = std::thread([this] { m_io.run(); });
    }

    ~LoopbackServer()
    {
        m_io.stop();
        m_thread.join();
    }

    [[nodiscard]] std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }
    [[nodiscard]] std::string url(std::string_view target) const
    {
        return "http://127.0.0.1:" + std::to_string(port()) + std::string(target);
    }
    [[nodiscard]] std::vector<ReceivedRequest> received() const
    {
        std::lock_guard lock(m_mutex);
        return m_received;
    }
    [[nodiscard]] int connection_count() const { return m_connections; }

private:
    static Awaitable<void> accept_loop(LoopbackServer* server)
    {
        while (true) {
            boost::system::error_code error;
            auto socket = co_await server->m_acceptor.async_accept(net::redirect_error(net::use_awaitable, error));
            if (error)
                co_return;
            ++server->m_connections;
            net::co_spawn(server->m_io, serve(std::move(socket), server), net::detached);
        }
    }

    static Awaitable<void> serve(net::ip::tcp::socket socket, LoopbackServer* server)
    {
        beast::flat_buffer buffer;
        while (true) {
            http::request<http::string_body> request;
            boost::system::error_code error;
            co_await http::async_read(socket, buffer, request, net::redirect_error(net::use_awaitable, error));
            if (error)
                co_return;
            ReceivedRequest received { std::string(request.method_string()), std::string(request.target()), {}, request.body() };
            for (auto const& field : request)
                received.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
            {
                std::lock_guard lock(server->m_mutex);
                server->m_received.push_back(received);
            }
            if (server->m_behaviour == ServerBehaviour::CloseAfterRead)
                co_return; // the socket closes with this frame
            if (server->m_behaviour == ServerBehaviour::NeverAnswer) {
                char byte = 0;
                co_await socket.async_read_some(net::buffer(&byte, 1), net::redirect_error(net::use_awaitable, error));
                co_return;
            }
            auto reply = server->m_handler(received);
            if (reply.delay.count() > 0) {
                net::steady_timer timer(socket.get_executor(), reply.delay);
                co_await timer.async_wait(net::redirect_error(net::use_awaitable, error));
            }
            if (reply.drop_connection)
                co_return;
            http::response<http::string_body> response { http::status(reply.status), 11 };
            for (auto const& [name, value] : reply.headers)
                response.set(name, value);
            response.body() = reply.body;
            response.keep_alive(request.keep_alive());
            response.prepare_payload();
            co_await http::async_write(socket, response, net::redirect_error(net::use_awaitable, error));
            if (error || !request.keep_alive())
                co_return;
        }
    }

    ServerBehaviour m_behaviour;
    Handler m_handler;
    net::io_context m_io;
    net::ip::tcp::acceptor m_acceptor;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::vector<ReceivedRequest> m_received;
    std::atomic<int> m_connections { 0 };
};

// Serves a PlivoSimulator, applying its delay and drop_connection like the real server does.
inline LoopbackServer::Handler serve_simulator(PlivoSimulator& simulator)
{
    return [&simulator](ReceivedRequest const& request) {
        auto response = simulator.handle({ request.method, request.target, request.headers, request.body });
        return CannedReply { response.status, response.headers, response.body, response.delay, response.drop_connection };
    };
}

}
