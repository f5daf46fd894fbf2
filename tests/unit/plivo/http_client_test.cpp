#include "plivo/http_client.hpp"

#include "loopback_server.hpp"
#include "support/eventually.hpp"
#include "support/run_until_done.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

using namespace mmsgate::testing;

namespace {

Awaitable<HttpOutcome> fetch(HttpClient& client, HttpRequest request)
{
    co_return co_await client.request(std::move(request));
}

// `slot` outlives the io_context run that completes this coroutine.
Awaitable<void> fetch_into(HttpClient& client, std::string url, std::optional<HttpOutcome>* slot)
{
    // Braced arguments inside co_await: HttpRequest's constructor keeps g++ 12 from corrupting them.
    *slot = co_await client.request({ "GET", std::move(url) });
}

}

TEST(HttpClient, ReturnsStatusHeadersAndBodyAndSendsTheRequestAsGiven)
{
    LoopbackServer server(ServerBehaviour::Answer, [](ReceivedRequest const&) {
        return CannedReply { 200, { { "Content-Type", "application/json" }, { "X-Trace", "t1" } }, R"({"ok":true})" };
    });
    HttpClient client;
    HttpRequest request { "POST", server.url("/v1/Account/MA/Message/"), { { "Content-Type", "application/json" }, { "X-Custom", "yes" } },
        R"({"src":"1"})" };
    auto outcome = run_until_done(fetch(client, request));
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_EQ(outcome->status, 200);
    EXPECT_EQ(outcome->header("x-trace"), "t1");
    EXPECT_EQ(nlohmann::json::parse(outcome->body)["ok"], true);
    auto received = server.received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].method, "POST");
    EXPECT_EQ(received[0].target, "/v1/Account/MA/Message/");
    EXPECT_EQ(received[0].body, R"({"src":"1"})");
    EXPECT_EQ(find_header(received[0].headers, "X-Custom"), "yes");
    EXPECT_FALSE(find_header(received[0].headers, "Expect"));
}

TEST(HttpClient, ErrorStatusesAreResponsesNotFailures)
{
    LoopbackServer server(ServerBehaviour::Answer, [](ReceivedRequest const&) {
        return CannedReply { 503, { { "Retry-After", "3" } }, R"({"error":"down"})" };
    });
    HttpClient client;
    auto outcome = run_until_done(fetch(client, { "GET", server.url("/x") }));
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->status, 503);
    EXPECT_EQ(outcome->header("Retry-After"), "3");
}

TEST(HttpClient, ConnectionRefusedWasNeverSent)
{
    std::uint16_t port = 0;
    {
        net::io_context io;
        net::ip::tcp::acceptor acceptor(io, { net::ip::make_address("127.0.0.1"), 0 });
        port = acceptor.local_endpoint().port();
    }
    HttpClient client;
    auto outcome = run_until_done(fetch(client, { "POST", "http://127.0.0.1:" + std::to_string(port) + "/", {}, "{}" }));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::NeverSent) << outcome.error().message;
}

TEST(HttpClient, UnresolvableHostWasNeverSent)
{
    HttpClient client;
    auto outcome = run_until_done(fetch(client, { "GET", "http://no-such-host.invalid/" }));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::NeverSent) << outcome.error().message;
}

TEST(HttpClient, ServerClosingAfterReadingTheRequestLeavesTheOutcomeUnknown)
{
    LoopbackServer server(ServerBehaviour::CloseAfterRead);
    HttpClient client;
    auto outcome = run_until_done(fetch(client, { "POST", server.url("/v1/"), {}, R"({"a":1})" }));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::OutcomeUnknown) << outcome.error().message;
    EXPECT_EQ(server.received().size(), 1u);
}

TEST(HttpClient, ServerNeverAnsweringTimesOutWithTheOutcomeUnknown)
{
    LoopbackServer server(ServerBehaviour::NeverAnswer);
    HttpClient client({ .total_timeout = std::chrono::milliseconds(300) });
    auto started = std::chrono::steady_clock::now();
    auto outcome = run_until_done(fetch(client, { "POST", server.url("/v1/"), {}, "{}" }));
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::OutcomeUnknown) << outcome.error().message;
    EXPECT_GE(elapsed, std::chrono::milliseconds(290));
    EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(HttpClient, PerRequestTimeoutOverridesTheDefault)
{
    LoopbackServer server(ServerBehaviour::NeverAnswer);
    HttpClient client;
    HttpRequest request { "GET", server.url("/"), {}, {}, std::chrono::milliseconds(200) };
    auto outcome = run_until_done(fetch(client, request));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::OutcomeUnknown);
}

TEST(HttpClient, TwoHundredConcurrentRequestsCompleteOverReusedConnections)
{
    LoopbackServer server(ServerBehaviour::Answer, [](ReceivedRequest const& request) {
        return CannedReply { 200, {}, request.target, std::chrono::milliseconds(50) };
    });
    HttpClient client({ .max_host_connections = 50 });
    std::vector<std::optional<HttpOutcome>> outcomes(200);
    net::io_context io;
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        net::co_spawn(io, fetch_into(client, server.url("/n/" + std::to_string(i)), &outcomes[i]), net::detached);
    io.run(); // returns once every request has completed: each one keeps the io_context busy
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        ASSERT_TRUE(outcomes[i].has_value()) << i;
        ASSERT_TRUE(*outcomes[i]) << outcomes[i]->error().message;
        EXPECT_EQ((*outcomes[i])->body, "/n/" + std::to_string(i));
    }
    EXPECT_LE(server.connection_count(), 50);
}

TEST(HttpClient, StopFailsRunningRequestsAndRefusesNewOnes)
{
    LoopbackServer server(ServerBehaviour::NeverAnswer);
    HttpClient client;
    std::promise<HttpOutcome> running;
    client.submit({ "POST", server.url("/"), {}, "{}" }, [&](HttpOutcome outcome) { running.set_value(std::move(outcome)); });
    EXPECT_TRUE(eventually([&] { return !server.received().empty(); }, std::chrono::seconds(20), std::chrono::milliseconds(5)));
    client.stop();
    auto stopped = running.get_future().get();
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().kind, TransportFailureKind::OutcomeUnknown);

    auto later = run_until_done(fetch(client, { "GET", server.url("/") }));
    ASSERT_FALSE(later);
    EXPECT_EQ(later.error().kind, TransportFailureKind::NeverSent);
}

}
