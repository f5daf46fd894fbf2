#include "plivo/plivo_client.hpp"

#include "loopback_server.hpp"
#include "mmsgate/version.hpp"
#include "support/run_until_done.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

using namespace mmsgate::testing;

namespace {

constexpr char kAuthId[] = "MAXXXXXXXXXXXXXXXXXX";
constexpr char kAuthToken[] = "client-test-token";

// The client, its HTTP client and a loopback server playing Plivo.
struct PlivoOverLoopback {
    PlivoSimulator simulator { { kAuthId, kAuthToken } };
    LoopbackServer server { ServerBehaviour::Answer, serve_simulator(simulator) };
    HttpClient http { { .total_timeout = std::chrono::milliseconds(2000) } };
    PlivoClient client { { server.url(""), kAuthId, kAuthToken, "" }, http };

    void set_faults(std::string const& json)
    {
        auto response = simulator.handle({ "POST", "/_sim/faults", {}, json });
        ASSERT_EQ(response.status, 200) << response.body;
    }
};

SendMessageRequest mms_to(std::string destination)
{
    SendMessageRequest request;
    request.src = "+14155550100";
    request.dst = { std::move(destination) };
    request.text = "hello";
    request.media_urls = { "https://example.com/cat.png" };
    request.url = "https://app.example.com/status";
    return request;
}

}

TEST(PlivoClient, SendsFindsAndListsAMessage)
{
    PlivoOverLoopback plivo;
    auto before = now_millis() - 1000;
    auto sent = run_until_done(plivo.client.send_message(mms_to("+14155550111")));
    ASSERT_TRUE(sent) << sent.error().error;
    ASSERT_EQ(sent->message_uuids.size(), 1u);
    auto recorded = plivo.simulator.recorded_messages();
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(recorded[0].request_body)["dst"], "+14155550111");
    auto received = plivo.server.received();
    EXPECT_EQ(find_header(received[0].headers, "User-Agent"), std::string("mmsgate/") + kVersion);
    EXPECT_EQ(find_header(received[0].headers, "Accept"), "application/json");

    auto message = run_until_done(plivo.client.get_message(sent->message_uuids[0]));
    ASSERT_TRUE(message) << message.error().error;
    EXPECT_EQ(message->to_number, "14155550111");
    EXPECT_EQ(message->message_type, "mms");
    EXPECT_TRUE(message->message_time_millis);

    ListMessagesFilter filter;
    filter.to_number = "+14155550111";
    filter.message_time_gte = before;
    auto list = run_until_done(plivo.client.list_messages(filter));
    ASSERT_TRUE(list) << list.error().error;
    ASSERT_EQ(list->messages.size(), 1u);
    EXPECT_EQ(list->messages[0].message_uuid, sent->message_uuids[0]);
    filter.to_number = "+14155550199";
    EXPECT_TRUE(run_until_done(plivo.client.list_messages(filter))->messages.empty());
}

TEST(PlivoClient, UploadsMediaThenSendsItById)
{
    PlivoOverLoopback plivo;
    auto uploaded = run_until_done(plivo.client.upload_media({ { "cat.png", "image/png", "PNGDATA" } }));
    ASSERT_TRUE(uploaded) << uploaded.error().error;
    ASSERT_EQ(uploaded->objects.size(), 1u);
    ASSERT_TRUE(uploaded->objects[0].succeeded());
    auto request = mms_to("+14155550111");
    request.media_urls.clear();
    request.media_ids = { uploaded->objects[0].media_id };
    EXPECT_TRUE(run_until_done(plivo.client.send_message(request)));
}

TEST(PlivoClient, ReportsRejectionsWithTheirRetryClass)
{
    PlivoOverLoopback plivo;
    auto invalid = run_until_done(plivo.client.send_message(mms_to("1111111")));
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().http_status, 400);
    EXPECT_EQ(invalid.error().error, "'1111111' is not a valid phone number.");
    EXPECT_EQ(classify(invalid.error()), PlivoCallOutcome::Rejected);

    plivo.set_faults(R"({"status":429,"status_count":1,"retry_after":2})");
    auto limited = run_until_done(plivo.client.send_message(mms_to("+14155550111")));
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().http_status, 429);
    EXPECT_EQ(limited.error().retry_after, std::chrono::seconds(2));
    EXPECT_EQ(classify(limited.error()), PlivoCallOutcome::RetrySafely);

    PlivoClient wrong_token({ plivo.server.url("/"), kAuthId, "wrong", "" }, plivo.http);
    auto unauthorized = run_until_done(wrong_token.get_message("x"));
    ASSERT_FALSE(unauthorized);
    EXPECT_EQ(unauthorized.error().http_status, 401);
    EXPECT_EQ(classify(unauthorized.error()), PlivoCallOutcome::Rejected);
}

TEST(PlivoClient, DroppedConnectionIsAmbiguousAndTheMessageCanBeFound)
{
    PlivoOverLoopback plivo;
    plivo.set_faults(R"({"drop_after_read":true,"drop_count":1})");
    auto before = now_millis() - 1000;
    auto sent = run_until_done(plivo.client.send_message(mms_to("+14155550111")));
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().kind, PlivoFailureKind::OutcomeUnknown) << sent.error().error;
    EXPECT_EQ(classify(sent.error()), PlivoCallOutcome::Ambiguous);
    // Reconciliation: the message exists although the client never saw its uuid.
    auto list = run_until_done(plivo.client.list_messages({ .to_number = "+14155550111", .message_time_gte = before }));
    ASSERT_TRUE(list);
    EXPECT_EQ(list->messages.size(), 1u);
}

TEST(PlivoClient, LatencyBeyondTheTimeoutIsAmbiguous)
{
    PlivoOverLoopback plivo;
    plivo.set_faults(R"({"latency_ms":3000})");
    auto sent = run_until_done(plivo.client.send_message(mms_to("+14155550111")));
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().kind, PlivoFailureKind::OutcomeUnknown);
}

}
