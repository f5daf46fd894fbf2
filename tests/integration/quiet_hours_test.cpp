// Quiet hours (issue 16, acceptance 4) with the test clock: a send at 22:00 in the recipient's time
// waits until 08:00, across a restart of mmsgate on the same database, and is sent once; another
// recipient of the same request goes at once; a held message can be cancelled until it goes.
#include "integration/fixture.hpp"

namespace mmsgate::testing {

namespace {

// 22:00 in New York (EST, UTC-5) on 4 December 2026; 19:00 in San Francisco.
constexpr char kTenPmNewYork[] = "2026-12-05T03:00:00Z";
constexpr char kOneMinuteBeforeEight[] = "2026-12-05T12:59:00Z";
constexpr char kEightAmNewYork[] = "2026-12-05T13:00:00.000Z";

std::map<std::string, std::string> quiet_settings(std::string clock)
{
    return { { "MMSGATE_QUIET_HOURS", "21:00-08:00" }, { "MMSGATE_TEST_CLOCK", std::move(clock) } };
}

}

class QuietHoursTest : public MmsgateTest {
protected:
    void prepare() override { start_signed_in(quiet_settings(kTenPmNewYork)); }

    nlohmann::json message(std::string const& id) { return m_client->get("/api/messages/" + id).json()["message"]; }
    int reached(std::string const& text) { return deliveries_by_text(simulator().messages())[text]; }
};

TEST_P(QuietHoursTest, ASendAt22WaitsUntil8AcrossARestartAndIsSentOnce)
{
    auto reply = m_client->post_json("/api/send-mms",
        { { "to", { "+1 212 555 0111", "+1 415 555 0112" } }, { "text", "Good morning" },
            { "mediaUrls", { "https://media.example.com/cat.jpg" } } });
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto body = reply.json();
    ASSERT_EQ(body["scheduled"].size(), 1u) << body.dump();
    EXPECT_EQ(body["scheduled"][0]["to"], "+12125550111");
    EXPECT_EQ(body["scheduled"][0]["state"], "scheduled");
    EXPECT_EQ(body["scheduled"][0]["scheduledFor"], kEightAmNewYork);
    ASSERT_EQ(body["recipients"].size(), 1u) << body.dump();
    EXPECT_EQ(body["recipients"][0]["to"], "+14155550112");
    auto held_id = body["scheduled"][0]["id"].get<std::string>();
    EXPECT_EQ(reached("Good morning"), 1); // San Francisco at 19:00: at once

    auto held = message(held_id);
    EXPECT_EQ(held["state"], "scheduled");
    EXPECT_EQ(held["scheduledFor"], kEightAmNewYork);
    auto listed = m_client->get("/api/messages?state=scheduled").json();
    ASSERT_EQ(listed["messages"].size(), 1u) << listed.dump();

    // A second held message, cancelled: it never goes; cancelling twice is refused.
    auto other = m_client->post_json("/api/send-mms", send_body("+1 212 555 0113", "Never sent"));
    ASSERT_EQ(other.status, 202) << other.body;
    EXPECT_EQ(other.json()["status"], "scheduled");
    auto other_id = other.json()["id"].get<std::string>();
    auto cancelled = m_client->post_json("/api/messages/" + other_id + "/cancel", nlohmann::json::object());
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.json()["message"]["state"], "cancelled");
    auto again = m_client->post_json("/api/messages/" + other_id + "/cancel", nlohmann::json::object());
    EXPECT_EQ(again.status, 409) << again.body;

    // A transactional message is not held.
    auto urgent = m_client->post_json("/api/send-mms",
        { { "to", "+1 212 555 0114" }, { "text", "Your code is 123456" }, { "transactional", true },
            { "mediaUrls", { "https://media.example.com/cat.jpg" } } });
    ASSERT_EQ(urgent.status, 200) << urgent.body;
    EXPECT_EQ(urgent.json()["scheduled"].size(), 0u);
    EXPECT_EQ(reached("Your code is 123456"), 1);

    // Restart at 07:59 New York time: still held.
    stop_server();
    start_server(quiet_settings(kOneMinuteBeforeEight));
    m_client = std::make_unique<HttpClient>(logged_in_client());
    EXPECT_EQ(message(held_id)["state"], "scheduled");
    EXPECT_EQ(reached("Good morning"), 1);

    // 08:00: the new process sends it, once.
    auto moved = m_client->post_json("/api/test/clock", { { "now", "2026-12-05T13:00:05Z" } });
    ASSERT_EQ(moved.status, 200) << moved.body;
    ASSERT_TRUE(eventually([&] { return reached("Good morning") == 2; })) << simulator().messages().dump();
    ASSERT_TRUE(eventually([&] { return message(held_id)["plivoUuid"].is_string(); })) << message(held_id).dump();
    EXPECT_EQ(message(held_id)["scheduledFor"], kEightAmNewYork);
    auto uuid = message(held_id)["plivoUuid"];
    EXPECT_EQ(message(other_id)["state"], "cancelled");
    auto events = m_client->get("/api/messages/" + held_id).json()["events"];
    EXPECT_EQ(events[0]["state"], "scheduled") << events.dump();

    // Another restart later that morning changes nothing: sent once, the cancelled one never.
    stop_server();
    start_server(quiet_settings("2026-12-05T14:00:00Z"));
    m_client = std::make_unique<HttpClient>(logged_in_client());
    EXPECT_EQ(message(held_id)["plivoUuid"], uuid);
    EXPECT_EQ(reached("Good morning"), 2);
    EXPECT_EQ(reached("Never sent"), 0);
}

TEST_P(QuietHoursTest, TheTestClockAnswersOnlyWhenItIsOn)
{
    stop_server();
    start_server({ { "MMSGATE_QUIET_HOURS", "21:00-08:00" } });
    HttpClient client(m_server->base_url());
    EXPECT_EQ(client.post_json("/api/test/clock", { { "now", "2026-12-05T13:00:05Z" } }).status, 404);
}

MMSGATE_ON_EVERY_BACKEND(QuietHoursTest);

}
