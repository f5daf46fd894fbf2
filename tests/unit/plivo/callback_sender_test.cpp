#include "plivo/simulator/callback_sender.hpp"

#include "loopback_server.hpp"
#include "plivo/signature.hpp"
#include "support/run_until_done.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

using namespace mmsgate::testing;

namespace {

constexpr char kAuthId[] = "MAXXXXXXXXXXXXXXXXXX";
constexpr char kAuthToken[] = "callback-test-token";

void send_mms(PlivoSimulator& simulator, std::string const& callback_url)
{
    nlohmann::json body = { { "src", "14155550100" }, { "dst", "14155550111" }, { "type", "mms" },
        { "media_urls", { "https://example.com/a.png" } }, { "url", callback_url } };
    auto response = simulator.handle({ "POST", "/v1/Account/" + std::string(kAuthId) + "/Message/",
        { { "Authorization", "Basic " + base64_encode(std::string(kAuthId) + ":" + kAuthToken) } }, body.dump() });
    ASSERT_EQ(response.status, 202) << response.body;
}

// Runs the sender until `done` or a deadline, then stops it and waits for it to finish.
Awaitable<void> run_sender_until(CallbackSender& sender, std::function<bool()> done)
{
    auto executor = co_await net::this_coro::executor;
    net::co_spawn(executor, sender.run(), net::detached);
    net::steady_timer timer(executor);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(10));
        co_await timer.async_wait(net::use_awaitable);
    }
    sender.stop();
}

}

TEST(CallbackSender, DeliversSignedCallbacksInOrder)
{
    PlivoSimulator simulator({ kAuthId, kAuthToken });
    simulator.set_faults({ .callback_delay = std::chrono::milliseconds(20) });
    LoopbackServer receiver(ServerBehaviour::Answer, [](ReceivedRequest const&) { return CannedReply { 200 }; });
    HttpClient http;
    CallbackSender sender(simulator, http, { .poll_interval = std::chrono::milliseconds(5) });
    send_mms(simulator, receiver.url("/api/plivo/status"));

    run_until_done(run_sender_until(sender, [&] { return receiver.received().size() >= 3; }));
    auto received = receiver.received();
    ASSERT_EQ(received.size(), 3u);
    std::vector<std::string> statuses;
    for (auto const& request : received) {
        auto params = parse_form(request.body);
        statuses.push_back(form_value(params, "Status").value_or(""));
        auto header = [&](char const* name) { return find_header(request.headers, name).value_or(""); };
        auto url = receiver.url(request.target);
        EXPECT_TRUE(verify_signature_v3(kAuthToken, request.method, url, params, header(kSignatureV3NonceHeader),
            header(kSignatureV3Header)));
        EXPECT_TRUE(verify_signature_v2(kAuthToken, url, header(kSignatureV2NonceHeader), header(kSignatureV2Header)));
    }
    EXPECT_EQ(statuses, (std::vector<std::string> { "queued", "sent", "delivered" }));
    EXPECT_EQ(sender.delivered_count(), 3u);
}

TEST(CallbackSender, RetriesAFailedDeliveryThenGivesUp)
{
    PlivoSimulator simulator({ kAuthId, kAuthToken });
    simulator.set_faults({ .outcome = "failed", .callback_delay = std::chrono::milliseconds(1000000) });
    LoopbackServer receiver(ServerBehaviour::Answer, [](ReceivedRequest const&) { return CannedReply { 500 }; });
    HttpClient http;
    CallbackSender sender(simulator, http,
        { .poll_interval = std::chrono::milliseconds(5), .timeout = std::chrono::milliseconds(1000),
            .retry_delays = { std::chrono::milliseconds(10), std::chrono::milliseconds(10) } });
    send_mms(simulator, receiver.url("/status"));

    run_until_done(run_sender_until(sender, [&] { return sender.abandoned_count() >= 1; }));
    EXPECT_EQ(receiver.received().size(), 3u); // the "queued" callback: first try and two retries
    EXPECT_EQ(sender.failed_attempt_count(), 3u);
    EXPECT_EQ(sender.abandoned_count(), 1u);
}

}
