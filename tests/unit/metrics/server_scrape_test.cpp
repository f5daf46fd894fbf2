// The whole path on a real socket: the server reports each request to HttpMetrics, and GET /metrics
// from loopback shows the counters moved (the route pattern, not the concrete path).
#include "metrics/http_metrics.hpp"
#include "metrics/metrics_route.hpp"

#include "http/response.hpp"
#include "support/in_process_server.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace mmsgate {
namespace {

class ServerScrape : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto router = std::make_shared<Router>();
        router->add(http::verb::get, "/healthz", [](Request&) -> Awaitable<Response> {
            co_return text_response(http::status::ok, "ok", "text/plain");
        });
        router->add(http::verb::get, "/api/messages/{id}", [](Request&) -> Awaitable<Response> {
            co_return error_response(ErrorCode::NotFound, "No such message");
        });
        m_registry = std::make_shared<MetricsRegistry>();
        add_metrics_route(*router, m_registry, "");
        m_running = std::make_unique<testing::InProcessServer>(router, [this](Server& server) {
            server.set_request_observer(
                [metrics = std::make_shared<HttpMetrics>(m_registry)](RequestRecord const& record) { metrics->record(record); });
            m_open_connections_at_start = server.open_connections();
        });
        m_server = m_running->server();
        m_port = m_running->port();
    }

    http::response<http::string_body> get(beast::tcp_stream& stream, std::string target)
    {
        http::request<http::empty_body> request { http::verb::get, target, 11 };
        request.set(http::field::host, "127.0.0.1");
        http::write(stream, request);
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        http::read(stream, buffer, response);
        return response;
    }

    std::shared_ptr<MetricsRegistry> m_registry;
    std::unique_ptr<testing::InProcessServer> m_running;
    std::shared_ptr<Server> m_server;
    std::uint16_t m_port = 0;
    int m_open_connections_at_start = 0;
};

TEST_F(ServerScrape, CountsRequestsByRoutePatternAndStatus)
{
    net::io_context client_io;
    beast::tcp_stream stream(client_io);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), m_port));
    EXPECT_EQ(get(stream, "/healthz").result(), http::status::ok);
    EXPECT_EQ(get(stream, "/healthz").result(), http::status::ok);
    EXPECT_EQ(get(stream, "/api/messages/abc").result(), http::status::not_found);
    EXPECT_EQ(get(stream, "/api/messages/def").result(), http::status::not_found);
    EXPECT_EQ(get(stream, "/nowhere").result(), http::status::not_found);

    auto scrape = get(stream, "/metrics");
    ASSERT_EQ(scrape.result(), http::status::ok);
    EXPECT_EQ(scrape[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
    auto const& text = scrape.body();
    EXPECT_NE(text.find("mmsgate_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("mmsgate_http_requests_total{method=\"GET\",route=\"/api/messages/{id}\",status=\"404\"} 2\n"),
        std::string::npos);
    EXPECT_NE(text.find("mmsgate_http_requests_total{method=\"GET\",route=\"(unmatched)\",status=\"404\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("mmsgate_http_request_duration_seconds_count{route=\"/healthz\"} 2\n"), std::string::npos);
    EXPECT_EQ(text.find("/api/messages/abc"), std::string::npos);

    // The scrape itself is counted once it is answered.
    auto again = get(stream, "/metrics");
    EXPECT_NE(again.body().find("mmsgate_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"200\"} 1\n"),
        std::string::npos);
    beast::error_code ignored;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
}

TEST_F(ServerScrape, ExposesOpenConnectionsThroughACallback)
{
    std::weak_ptr<Server> server = m_server;
    m_registry->add_gauge_callback("mmsgate_http_open_connections", "Open client connections.", [server] {
        auto alive = server.lock();
        return alive ? double(alive->open_connections()) : 0.0;
    });
    net::io_context client_io;
    beast::tcp_stream first(client_io);
    beast::tcp_stream second(client_io);
    first.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), m_port));
    second.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), m_port));
    EXPECT_EQ(get(second, "/healthz").result(), http::status::ok);
    auto text = get(first, "/metrics").body();
    EXPECT_NE(text.find("mmsgate_http_open_connections " + std::to_string(m_open_connections_at_start + 2) + "\n"),
        std::string::npos)
        << text;
}

}
}
