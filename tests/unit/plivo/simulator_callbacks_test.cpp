#include "plivo/simulator/callbacks.hpp"

#include "plivo/signature.hpp"
#include "simulator_fixture.hpp"

namespace mmsgate {

using namespace mmsgate::testing;
using nlohmann::json;

namespace {

// Checks both signature families the way mmsgate's callback handler will.
void expect_signed(OutgoingCallback const& callback, std::string const& token)
{
    auto const& request = callback.request;
    auto header = [&](char const* name) { return find_header(request.headers, name).value_or(""); };
    FormFields body = request.method == "POST" ? parse_form(request.body) : FormFields {};
    EXPECT_TRUE(verify_signature_v3(token, request.method, request.url, body, header(kSignatureV3NonceHeader),
        header(kSignatureV3Header)));
    EXPECT_TRUE(verify_signature_v3(token, request.method, request.url, body, header(kSignatureV3NonceHeader),
        header(kSignatureMainAccountV3Header)));
    EXPECT_TRUE(verify_signature_v2(token, request.url, header(kSignatureV2NonceHeader), header(kSignatureV2Header)));
    EXPECT_TRUE(verify_signature_v2(token, request.url, header(kSignatureV2NonceHeader), header(kSignatureMainAccountV2Header)));
    EXPECT_FALSE(verify_signature_v3("another-token", request.method, request.url, body,
        header(kSignatureV3NonceHeader), header(kSignatureV3Header)));
}

}

TEST_F(SimulatorTest, CallbacksFollowQueuedSentDeliveredWhenDue)
{
    auto request = mms();
    request["url"] = "https://app.example.com/api/plivo/status?tenant=7";
    auto uuid = body_of(send(request))["message_uuid"][0].get<std::string>();
    EXPECT_EQ(m_simulator.next_callback_due(), kStart);

    auto first = m_simulator.take_due_callbacks(kStart);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].status, "queued");
    EXPECT_TRUE(m_simulator.take_due_callbacks(kStart + 99).empty());
    auto rest = m_simulator.take_due_callbacks(kStart + 200);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[0].status, "sent");
    EXPECT_EQ(rest[1].status, "delivered");
    EXPECT_FALSE(m_simulator.next_callback_due());

    auto const& delivered = rest[1];
    EXPECT_EQ(delivered.request.method, "POST");
    EXPECT_EQ(delivered.request.url, "https://app.example.com/api/plivo/status?tenant=7");
    EXPECT_EQ(find_header(delivered.request.headers, "Content-Type"), "application/x-www-form-urlencoded");
    auto params = parse_form(delivered.request.body);
    EXPECT_EQ(form_value(params, "MessageUUID"), uuid);
    EXPECT_EQ(form_value(params, "To"), "14155550111");
    EXPECT_EQ(form_value(params, "From"), "14155550100");
    EXPECT_EQ(form_value(params, "Status"), "delivered");
    EXPECT_EQ(form_value(params, "Type"), "mms");
    EXPECT_EQ(form_value(params, "Units"), "1");
    EXPECT_EQ(form_value(params, "TotalRate"), "0.01600");
    EXPECT_EQ(form_value(params, "TotalAmount"), "0.01600");
    EXPECT_EQ(form_value(params, "ErrorCode"), "000");
    EXPECT_EQ(form_value(params, "Sequence"), "3");
    EXPECT_EQ(form_value(params, "MessageTime"), "2026-01-02 03:04:05");
    EXPECT_EQ(form_value(params, "DeliveryReportTime"), "2026-01-02 03:04:05.200000");
    EXPECT_EQ(form_value(first[0].params, "ErrorCode"), "");
    for (auto const& callback : { first[0], rest[0], rest[1] })
        expect_signed(callback, kAuthToken);
}

TEST_F(SimulatorTest, FailedMessagesCallBackQueuedThenFailedWithTheErrorCode)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"outcome":"undelivered","error_code":80,"callback_delay_ms":10})").status, 200);
    auto request = mms();
    request["url"] = "https://app.example.com/status";
    ASSERT_EQ(send(request).status, 202);
    auto callbacks = m_simulator.take_due_callbacks(kStart + 1000);
    ASSERT_EQ(callbacks.size(), 3u);
    EXPECT_EQ(callbacks[2].status, "undelivered");
    EXPECT_EQ(form_value(callbacks[2].params, "ErrorCode"), "80");

    ASSERT_EQ(control("POST", "/_sim/faults", R"({"outcome":"failed"})").status, 200);
    ASSERT_EQ(send(request).status, 202);
    callbacks = m_simulator.take_due_callbacks(kStart + 1000);
    ASSERT_EQ(callbacks.size(), 2u);
    EXPECT_EQ(callbacks[1].status, "failed");
    EXPECT_EQ(form_value(callbacks[1].params, "ErrorCode"), "1000");
    EXPECT_FALSE(form_value(callbacks[1].params, "SentTime"));
}

TEST_F(SimulatorTest, GetCallbacksCarryTheirParametersInTheSignedQuery)
{
    auto request = mms();
    request["url"] = "https://app.example.com/status?tenant=7";
    request["method"] = "GET";
    ASSERT_EQ(send(request).status, 202);
    auto callbacks = m_simulator.take_due_callbacks(kStart);
    ASSERT_EQ(callbacks.size(), 1u);
    auto const& callback = callbacks[0];
    EXPECT_EQ(callback.request.method, "GET");
    EXPECT_TRUE(callback.request.body.empty());
    EXPECT_TRUE(callback.request.url.starts_with("https://app.example.com/status?tenant=7&"));
    EXPECT_NE(callback.request.url.find("Status=queued"), std::string::npos);
    expect_signed(callback, kAuthToken);
}

TEST_F(SimulatorTest, MessagesWithoutUrlProduceNoCallbacks)
{
    ASSERT_EQ(send(mms()).status, 202);
    EXPECT_TRUE(m_simulator.take_due_callbacks(kStart + 10000).empty());
}

TEST_F(SimulatorTest, RequeuedCallbacksComeBackWhenDue)
{
    auto request = mms();
    request["url"] = "https://app.example.com/status";
    ASSERT_EQ(send(request).status, 202);
    auto callbacks = m_simulator.take_due_callbacks(kStart);
    ASSERT_EQ(callbacks.size(), 1u);
    callbacks[0].due = kStart + 60000;
    callbacks[0].attempt = 1;
    m_simulator.requeue_callback(callbacks[0]);
    auto later = m_simulator.take_due_callbacks(kStart + 60000);
    ASSERT_EQ(later.size(), 3u);
    EXPECT_EQ(later.back().status, "queued");
    EXPECT_EQ(later.back().attempt, 1);
}

}
