// Bytes from one client connection through the HTTP server as `serve` runs it: Beast's parser with
// the server's limits, keep-alive and pipelining, the refusals before any handler, routing with
// path parameters, and handlers that read what a real one reads (query, form body, same-origin).
// A real loopback socket, so whatever the server learns to check before a handler is fuzzed too.
#include "core/encoding.hpp"
#include "fuzz_check.hpp"
#include "http/response.hpp"
#include "http/same_origin.hpp"
#include "http/server.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace mmsgate;

namespace {

Awaitable<Response> describe_request(Request& request)
{
    auto form = parse_form(request.message.body());
    std::string summary = std::string(request.path()) + " id=" + std::string(request.path_parameter("id"))
        + " q=" + request.query_value("q").value_or("") + " fields=" + std::to_string(form.size())
        + " cross-site=" + (is_cross_site_request(request, "http://127.0.0.1:3000") ? "yes" : "no");
    co_return text_response(http::status::ok, std::move(summary), "text/plain");
}

struct LoopbackServer {
    net::io_context io { 1 };
    std::shared_ptr<Server> server;
    net::ip::tcp::endpoint endpoint;

    LoopbackServer()
    {
        fuzz::silence_logging();
        auto router = std::make_shared<Router>();
        router->add(http::verb::get, "/api/items/{id}", describe_request);
        router->add(http::verb::post, "/api/items/{id}", describe_request);
        router->add(http::verb::post, "/api/auth/callback/{provider}", describe_request);
        router->set_fallback(describe_request);
        HttpSettings settings;
        settings.listen_port = 0;
        // Small limits, so that inputs of a few kB reach the refusals.
        settings.max_body_bytes = 2048;
        settings.max_header_bytes = 1024;
        server = std::make_shared<Server>(io, settings, std::move(router));
        auto bound = server->bind();
        fuzz::check(bound.has_value(), "the server binds to 127.0.0.1:0");
        endpoint = *bound;
        server->start();
    }
};

// Sends everything, ends the sending side, then reads until the server closes.
Awaitable<void> send_and_drain(net::ip::tcp::endpoint endpoint, std::string_view bytes, bool& finished)
{
    net::ip::tcp::socket socket(co_await net::this_coro::executor);
    boost::system::error_code error;
    co_await socket.async_connect(endpoint, net::redirect_error(net::use_awaitable, error));
    if (!error)
        co_await net::async_write(socket, net::buffer(bytes.data(), bytes.size()), net::redirect_error(net::use_awaitable, error));
    socket.shutdown(net::ip::tcp::socket::shutdown_send, error);
    std::array<char, 4096> sink {};
    error = {};
    while (!error)
        co_await socket.async_read_some(net::buffer(sink), net::redirect_error(net::use_awaitable, error));
    finished = true;
}

}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    static LoopbackServer loopback;
    bool finished = false;
    std::string_view bytes(reinterpret_cast<char const*>(data), size);
    net::co_spawn(loopback.io, send_and_drain(loopback.endpoint, bytes, finished), net::detached);
    // Until the server has closed its side too, so that no work leaks into the next input.
    while (!finished || loopback.server->open_connections() > 0)
        loopback.io.run_one();
    return 0;
}
