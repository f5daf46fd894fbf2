#include "plivo/simulator/simulator.hpp"

#include "plivo/multipart.hpp"
#include "simulator_fixture.hpp"

namespace mmsgate {

using namespace mmsgate::testing;
using nlohmann::json;

TEST_F(SimulatorTest, InjectsAFixedStatusForTheNextRequests)
{
    auto set = control("POST", "/_sim/faults", R"({"status":503,"status_count":2,"retry_after":5})");
    ASSERT_EQ(set.status, 200) << set.body;
    for (int i = 0; i < 2; ++i) {
        auto response = send(mms());
        EXPECT_EQ(response.status, 503);
        EXPECT_EQ(find_header(response.headers, "Retry-After"), "5");
        EXPECT_TRUE(body_of(response)["error"].is_string());
    }
    EXPECT_EQ(send(mms()).status, 202);
    EXPECT_EQ(m_simulator.recorded_messages().size(), 1u); // refused requests are not recorded
    EXPECT_EQ(body_of(control("GET", "/_sim/faults"))["status_count"], 0);
}

TEST_F(SimulatorTest, InjectsAStatusOnEveryRequestWithoutACount)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"status":429})").status, 200);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(api("GET", "Message/").status, 429);
    ASSERT_EQ(control("DELETE", "/_sim/faults").status, 200);
    EXPECT_EQ(api("GET", "Message/").status, 200);
}

TEST_F(SimulatorTest, RandomErrorsUseRetryableOrAmbiguousStatuses)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"random_error_rate":1})").status, 200);
    for (int i = 0; i < 20; ++i) {
        auto status = send(mms()).status;
        EXPECT_TRUE(status == 429 || status == 500 || status == 503) << status;
    }
}

TEST_F(SimulatorTest, ReturnsLatencyForTheServerToApply)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"latency_ms":1000})").status, 200);
    EXPECT_EQ(send(mms()).delay, std::chrono::milliseconds(1000));
    EXPECT_EQ(api("GET", "Message/").delay, std::chrono::milliseconds(1000));
}

TEST_F(SimulatorTest, DropAfterReadRecordsTheMessageButAsksToDropTheConnection)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"drop_after_read":true,"drop_count":1})").status, 200);
    auto dropped = send(mms());
    EXPECT_EQ(dropped.status, 202);
    EXPECT_TRUE(dropped.drop_connection);
    EXPECT_FALSE(send(mms()).drop_connection);
    auto recorded = m_simulator.recorded_messages();
    ASSERT_EQ(recorded.size(), 2u);
    EXPECT_TRUE(recorded[0].connection_dropped);
    // The dropped message exists: a client reconciling by listing finds it.
    auto uuid = body_of(dropped)["message_uuid"][0].get<std::string>();
    EXPECT_EQ(api("GET", "Message/" + uuid + "/").status, 200);
}

TEST_F(SimulatorTest, FaultsKeyedByTextDropOneAnswerAndRefuseAnotherOnce)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"drop_answer_texts":["lost answer"],"refuse_texts":["refused"]})").status, 200);
    auto with_text = [](std::string text) {
        auto request = mms();
        request["text"] = std::move(text);
        return request;
    };
    auto refused = send(with_text("refused"));
    EXPECT_TRUE(refused.drop_connection);
    EXPECT_TRUE(m_simulator.recorded_messages().empty()) << "a refused send never reaches Plivo";
    auto dropped = send(with_text("lost answer"));
    EXPECT_TRUE(dropped.drop_connection);
    ASSERT_EQ(m_simulator.recorded_messages().size(), 1u);
    EXPECT_TRUE(m_simulator.recorded_messages()[0].connection_dropped);
    EXPECT_FALSE(send(with_text("other")).drop_connection);
    // Each listed text once: the next sends of the same texts go through.
    EXPECT_FALSE(send(with_text("refused")).drop_connection);
    EXPECT_FALSE(send(with_text("lost answer")).drop_connection);
    EXPECT_EQ(m_simulator.recorded_messages().size(), 4u);
    EXPECT_EQ(body_of(control("GET", "/_sim/faults"))["refuse_texts"], json::array());
}

TEST_F(SimulatorTest, ListTotalExtraMakesAListShortOfItsTotalCount)
{
    ASSERT_EQ(send(mms()).status, 202);
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"list_total_extra":2})").status, 200);
    auto list = body_of(api("GET", "Message/"));
    EXPECT_EQ(list["objects"].size(), 1u);
    EXPECT_EQ(list["meta"]["total_count"], 3);
    EXPECT_TRUE(list["meta"]["next"].is_null());
}

TEST_F(SimulatorTest, OutcomeFaultsFailMessagesWithTheirErrorCode)
{
    ASSERT_EQ(control("POST", "/_sim/faults", R"({"outcome":"failed","error_code":30,"callback_delay_ms":50})").status, 200);
    auto uuid = body_of(send(mms()))["message_uuid"][0].get<std::string>();
    advance(50);
    auto object = body_of(api("GET", "Message/" + uuid + "/"));
    EXPECT_EQ(object["message_state"], "failed");
    EXPECT_EQ(object["error_code"], "30");
    EXPECT_EQ(object["total_amount"], "0.00000");
}

TEST_F(SimulatorTest, RejectsMalformedFaultSettings)
{
    for (auto body : { R"({"status":200})", R"({"random_error_rate":2})", R"({"outcome":"lost"})",
             R"({"latency_ms":"1s"})", R"({"refuse_texts":"a"})", R"({"lose_reports":1})", R"({"drop_answer_texts":[1]})", R"([1])", "nonsense" }) {
        auto response = control("POST", "/_sim/faults", body);
        EXPECT_EQ(response.status, 400) << body;
    }
    EXPECT_EQ(body_of(control("GET", "/_sim/faults")), body_of(control("DELETE", "/_sim/faults")));
}

TEST_F(SimulatorTest, ControlApiShowsAndResetsRecordedMessages)
{
    auto request = mms("14155550111<14155550122");
    ASSERT_EQ(send(request).status, 202);
    auto listed = body_of(control("GET", "/_sim/messages"));
    EXPECT_EQ(listed["count"], 1);
    EXPECT_EQ(listed["messages"][0]["request"], request);
    EXPECT_EQ(listed["messages"][0]["message_uuid"].size(), 2u);
    EXPECT_EQ(listed["messages"][0]["connection_dropped"], false);
    EXPECT_EQ(control("DELETE", "/_sim/messages").status, 200);
    EXPECT_EQ(body_of(control("GET", "/_sim/messages"))["count"], 0);
    EXPECT_EQ(body_of(api("GET", "Message/"))["meta"]["total_count"], 0);
    EXPECT_EQ(control("GET", "/_sim/other").status, 404);
}

TEST_F(SimulatorTest, UploadedMediaCanBeSentByMediaId)
{
    auto multipart = build_multipart({ { "file", "cat.png", "image/png", "PNG" }, { "file", "dog.gif", "image/gif", "GIF" } });
    auto upload = api("POST", "Media/", multipart.body, basic(kAuthId, kAuthToken), multipart.content_type);
    ASSERT_EQ(upload.status, 202) << upload.body;
    auto objects = body_of(upload)["objects"];
    ASSERT_EQ(objects.size(), 2u);
    EXPECT_EQ(objects[0]["status"], "success");
    EXPECT_EQ(objects[0]["status_code"], 201);
    EXPECT_EQ(objects[0]["file_name"], "cat.png");
    EXPECT_EQ(objects[0]["size"], 3);
    auto media_id = objects[0]["media_id"].get<std::string>();
    EXPECT_EQ(objects[0]["media_url"], "https://media.plivo.com/Account/" + std::string(kAuthId) + "/Media/" + media_id);
    EXPECT_EQ(api("GET", "Media/" + media_id + "/").status, 200);

    auto request = mms();
    request.erase("media_urls");
    request["media_ids"] = { media_id };
    EXPECT_EQ(send(request).status, 202);
}

TEST_F(SimulatorTest, UploadRejectsNonMultipartAndFlagsOversizedFiles)
{
    EXPECT_EQ(api("POST", "Media/", "{}").status, 400);
    auto multipart = build_multipart({ { "file", "big.png", "image/png", std::string(2 * 1024 * 1024 + 1, 'x') } });
    auto upload = api("POST", "Media/", multipart.body, basic(kAuthId, kAuthToken), multipart.content_type);
    ASSERT_EQ(upload.status, 202);
    EXPECT_EQ(body_of(upload)["objects"][0]["status"], "failed");
}

TEST_F(SimulatorTest, AccountLimitsRefuseTheRequestOverEitherLimitWith429)
{
    ASSERT_EQ(control("POST", "/_sim/limits", R"({"requests_per_window":3,"window_ms":60000,"max_concurrent":2})").status, 200);
    auto first = send(mms());
    auto second = send(mms());
    ASSERT_EQ(first.status, 202);
    ASSERT_EQ(second.status, 202);
    // Both are still being answered (their in_flight handles are held): a third is one too many at once.
    auto refused = send(mms());
    EXPECT_EQ(refused.status, 429);
    EXPECT_TRUE(body_of(refused)["error"].is_string());
    first.in_flight.reset();
    auto third = send(mms());
    EXPECT_EQ(third.status, 202);
    third.in_flight.reset();
    // Three were started within the window: the fourth is over the rate limit, however few are in flight.
    EXPECT_EQ(send(mms()).status, 429);
    auto stats = body_of(control("GET", "/_sim/limits"));
    EXPECT_EQ(stats["rate_limited"], 2);
    EXPECT_EQ(stats["peak_concurrent"], 2);
    EXPECT_EQ(stats["in_flight"], 1);
    EXPECT_EQ(m_simulator.recorded_messages().size(), 3u);

    ASSERT_EQ(control("DELETE", "/_sim/limits").status, 200);
    EXPECT_EQ(send(mms()).status, 202);
    EXPECT_EQ(control("POST", "/_sim/limits", R"({"max_concurrent":-1})").status, 400);
    EXPECT_EQ(control("POST", "/_sim/limits", R"({"window_ms":0})").status, 400);
}

}
