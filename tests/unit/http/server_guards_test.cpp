// The server's last guards on a real socket: header values with CR/LF/NUL are never written, every
// answer says nosniff (and HSTS when asked), the Host check runs before any handler.
#include "http/response.hpp"
#include "http/server.hpp"
#include "support/in_process_server.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>


namespace mmsgate {
namespace {

class ServerGuards : public ::testing::Test {
protected:
    void start(SiteSecurity security)
    {
        auto router = std::make_shared<Router>();
        router->add(http::verb::get, "/echo", [](Request& request) -> Awaitable<Response> {
            co_return redirect_response(request.query_value("to").value_or("/"));
        });
        router->add(http::verb::get, "/handled", [this](Request&) -> Awaitable<Response> {
            ++m_handled;
            co_return json_response(http::status::ok, nlohmann::json { { "ok", true } });
        });
        m_running = std::make_unique<testing::InProcessServer>(
            router, [&security](Server& server) { server.set_site_security(std::move(security)); });
        m_port = m_running->port();
    }

    http::response<http::string_body> get(std::string target, std::string host = "")
    {
        net::io_context client_io;
        beast::tcp_stream stream(client_io);
        stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), m_port));
        http::request<http::empty_body> request { http::verb::get, target, 11 };
        request.set(http::field::host, host.empty() ? "127.0.0.1:" + std::to_string(m_port) : host);
        http::write(stream, request);
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        http::read(stream, buffer, response);
        return response;
    }

    std::unique_ptr<testing::InProcessServer> m_running;
    std::uint16_t m_port = 0;
    std::atomic<int> m_handled { 0 };
};

}

TEST_F(ServerGuards, NeverWritesAHeaderValueWithCrLfOrNul)
{
    start({});
    auto safe = get("/echo?to=%2Fsend");
    EXPECT_EQ(safe.result(), http::status::found);
    EXPECT_EQ(safe[http::field::location], "/send");
    for (auto to : { "%2Fx%0D%0ASet-Cookie%3A%20injected%3D1", "%2Fx%0ARefresh%3A%200", "%2Fx%00y" }) {
        auto response = get(std::string("/echo?to=") + to);
        EXPECT_EQ(response.result(), http::status::internal_server_error) << to;
        EXPECT_EQ(response.find(http::field::location), response.end()) << to;
        EXPECT_EQ(response.find(http::field::set_cookie), response.end()) << to;
        EXPECT_EQ(response.find("Refresh"), response.end()) << to;
    }
}

TEST_F(ServerGuards, SaysNosniffEverywhereAndHstsWhenAsked)
{
    start({ std::nullopt, true });
    for (auto target : { "/handled", "/nowhere", "/echo" }) {
        auto response = get(target);
        EXPECT_EQ(response["X-Content-Type-Options"], "nosniff") << target;
        EXPECT_EQ(response[http::field::strict_transport_security], "max-age=31536000") << target;
    }
}

TEST_F(ServerGuards, RefusesAnotherHostBeforeTheHandler)
{
    start({ HostGuard({}, 0), false });
    auto response = get("/handled", "rebind.attacker.example");
    EXPECT_EQ(response.result(), http::status::misdirected_request);
    EXPECT_EQ(response[http::field::content_type], "application/json");
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(response.find(http::field::strict_transport_security), response.end());
    EXPECT_EQ(m_handled.load(), 0);
}

}
