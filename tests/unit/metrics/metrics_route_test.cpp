#include "metrics/metrics_route.hpp"

#include "metrics/http_metrics.hpp"
#include "metrics/process_metrics.hpp"
#include "support/run_until_done.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {
namespace {

Request metrics_request(std::string_view peer)
{
    Request request;
    request.message.method(http::verb::get);
    request.message.target("/metrics");
    request.message.version(11);
    request.peer = net::ip::make_address(peer);
    // What curl or Prometheus on this host sends for http://127.0.0.1:3000/metrics.
    request.message.set(http::field::host, "127.0.0.1:3000");
    return request;
}

Response serve(Router const& router, Request& request)
{
    auto match = router.match(request.message.method(), request.path(), request);
    EXPECT_NE(match.handler, nullptr);
    EXPECT_EQ(match.pattern, "/metrics");
    return testing::run_until_done((*match.handler)(request));
}

void expect_forbidden(Response const& response)
{
    EXPECT_EQ(response.result(), http::status::forbidden);
    EXPECT_EQ(response[http::field::content_type], "application/json");
    auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body["success"], false);
    EXPECT_TRUE(body["error"].is_string());
    EXPECT_FALSE(body["error"].get<std::string>().empty());
    EXPECT_EQ(response.body().find("mmsgate_"), std::string::npos);
}

class MetricsRoute : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_registry = std::make_shared<MetricsRegistry>();
        m_http = std::make_unique<HttpMetrics>(m_registry);
    }
    void add_route(std::string token) { add_metrics_route(m_router, m_registry, std::move(token)); }

    std::shared_ptr<MetricsRegistry> m_registry;
    std::unique_ptr<HttpMetrics> m_http;
    Router m_router;
};

TEST_F(MetricsRoute, ServesTheExpositionToALoopbackPeer)
{
    add_route("");
    m_http->record({ "GET", "/healthz", 200, 0.0002 });
    m_http->record({ "GET", "/healthz", 200, 0.0002 });
    for (auto peer : { "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1" }) {
        auto request = metrics_request(peer);
        auto response = serve(m_router, request);
        EXPECT_EQ(response.result(), http::status::ok) << peer;
        EXPECT_EQ(response[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
        EXPECT_NE(response.body().find("mmsgate_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2\n"),
            std::string::npos);
        EXPECT_NE(response[http::field::cache_control].find("no-store"), std::string::npos);
    }
}

TEST_F(MetricsRoute, RefusesOtherPeersWithoutAToken)
{
    add_route("");
    for (auto peer : { "10.0.0.5", "192.168.1.2", "2001:db8::1", "::ffff:10.0.0.1" }) {
        auto request = metrics_request(peer);
        expect_forbidden(serve(m_router, request));
    }
    // With no token configured, no Authorization header opens the door.
    auto request = metrics_request("10.0.0.5");
    request.message.set(http::field::authorization, "Bearer ");
    expect_forbidden(serve(m_router, request));
}

// A reverse proxy on the same host connects from loopback on behalf of anyone.
TEST_F(MetricsRoute, RefusesLoopbackRequestsAProxyForwarded)
{
    add_route("");
    for (auto header : { "X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host", "X-Forwarded-Proto",
             "x-forwarded-port", "Via", "True-Client-IP", "CF-Connecting-IP" }) {
        SCOPED_TRACE(header);
        auto request = metrics_request("127.0.0.1");
        request.message.set(header, "203.0.113.9");
        expect_forbidden(serve(m_router, request));
    }
}

// The reproduced hole: nginx on the same host with `proxy_set_header Host $host;` and no
// forwarding header at all. The site's name as Host gives it away.
TEST_F(MetricsRoute, RefusesALoopbackPeerThatNamesAnotherHost)
{
    add_route("");
    for (auto host : { "mms.example.com", "mms.example.com:3000", "203.0.113.9", "" }) {
        SCOPED_TRACE(host);
        auto request = metrics_request("127.0.0.1");
        request.message.set(http::field::host, host);
        expect_forbidden(serve(m_router, request));
    }
    for (auto host : { "localhost:3000", "[::1]:3000", "127.0.0.1" }) {
        SCOPED_TRACE(host);
        auto request = metrics_request("::1");
        request.message.set(http::field::host, host);
        EXPECT_EQ(serve(m_router, request).result(), http::status::ok);
    }
}

// nginx's plain `proxy_pass http://127.0.0.1:3000;`: loopback peer, loopback Host, no forwarding
// header. Only the declared proxy tells it apart from a local scraper; then the token is needed.
TEST_F(MetricsRoute, BehindADeclaredProxyLoopbackNeedsTheToken)
{
    add_route("s3cret-token-for-prometheus");
    auto request = metrics_request("127.0.0.1");
    request.proxy_declared = true;
    expect_forbidden(serve(m_router, request));
    request.message.set(http::field::authorization, "Bearer s3cret-token-for-prometheus");
    EXPECT_EQ(serve(m_router, request).result(), http::status::ok);
}

TEST_F(MetricsRoute, ServesAnyPeerWithTheConfiguredBearerToken)
{
    add_route("s3cret-token-for-prometheus");
    auto request = metrics_request("203.0.113.7");
    request.message.set(http::field::authorization, "Bearer s3cret-token-for-prometheus");
    EXPECT_EQ(serve(m_router, request).result(), http::status::ok);

    request.message.set(http::field::authorization, "bearer s3cret-token-for-prometheus");
    EXPECT_EQ(serve(m_router, request).result(), http::status::ok);

    auto proxied = metrics_request("127.0.0.1");
    proxied.message.set("X-Forwarded-For", "203.0.113.7");
    proxied.message.set(http::field::authorization, "Bearer s3cret-token-for-prometheus");
    EXPECT_EQ(serve(m_router, proxied).result(), http::status::ok);
}

TEST_F(MetricsRoute, RefusesAWrongOrMalformedToken)
{
    add_route("s3cret-token-for-prometheus");
    for (auto value : { "Bearer s3cret-token-for-prometheuS", "Bearer s3cret-token-for-prometheus2", "Bearer  s3cret-token-for-prometheus", "Bearer s3cret",
             "Basic s3cret-token-for-prometheus", "s3cret-token-for-prometheus", "Bearer" }) {
        auto request = metrics_request("203.0.113.7");
        request.message.set(http::field::authorization, value);
        SCOPED_TRACE(value);
        expect_forbidden(serve(m_router, request));
    }
    auto request = metrics_request("203.0.113.7");
    expect_forbidden(serve(m_router, request));
    // Loopback still needs no token.
    auto local = metrics_request("127.0.0.1");
    EXPECT_EQ(serve(m_router, local).result(), http::status::ok);
}

TEST_F(MetricsRoute, RunsScrapeHooksBeforeRendering)
{
    add_route("");
    auto& messages = m_registry->gauge("mmsgate_messages", "Messages by state.", { "state" });
    int scrapes = 0;
    m_registry->add_scrape_hook([&]() -> Awaitable<void> {
        // Stands for a database query: suspends, then sets the gauges.
        net::steady_timer timer(co_await net::this_coro::executor, std::chrono::milliseconds(1));
        co_await timer.async_wait(net::use_awaitable);
        ++scrapes;
        messages.with({ "delivered" }).set(scrapes * 10);
    });
    auto request = metrics_request("127.0.0.1");
    auto first = serve(m_router, request);
    EXPECT_NE(first.body().find("mmsgate_messages{state=\"delivered\"} 10\n"), std::string::npos);
    auto second = serve(m_router, request);
    EXPECT_NE(second.body().find("mmsgate_messages{state=\"delivered\"} 20\n"), std::string::npos);
}

TEST_F(MetricsRoute, IncludesProcessMetrics)
{
    add_route("");
    add_process_metrics(*m_registry);
    auto request = metrics_request("127.0.0.1");
    auto body = serve(m_router, request).body();
    EXPECT_NE(body.find("# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes "), std::string::npos);
    EXPECT_NE(body.find("# TYPE process_cpu_seconds_total counter\n"), std::string::npos);
    EXPECT_NE(body.find("# TYPE process_open_fds gauge\n"), std::string::npos);
    EXPECT_EQ(body.find("process_resident_memory_bytes 0\n"), std::string::npos);
}

}
}
