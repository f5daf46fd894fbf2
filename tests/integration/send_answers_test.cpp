// What POST /api/send-mms answers when it does not send at once (issue 13): a stored message is
// never a 5xx (202 with where to follow it), and every 5xx says that nothing is held for sending,
// so a client may send again without paying twice.
#include "integration/fixture.hpp"

namespace mmsgate::testing {

namespace {

void expect_not_stored(HttpReply const& reply)
{
    ASSERT_GE(reply.status, 500) << reply.body;
    auto body = nlohmann::json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << reply.body;
    EXPECT_EQ(body["success"], false) << reply.body;
    EXPECT_EQ(body["stored"], false) << reply.body;
    EXPECT_FALSE(body.value("error", "").empty()) << reply.body;
}

}

class SendAnswersTest : public MmsgateTest { };

TEST_P(SendAnswersTest, EveryFiveHundredSaysNothingIsStored)
{
    // Plivo's unavailability is given up on at once: the first retry would fall beyond the deadline.
    start_signed_in({ { "MMSGATE_RETRY_DEADLINE_S", "1" }, { "MMSGATE_RETRY_FIRST_DELAY_MS", "5000" },
        { "MMSGATE_RETRY_LONGEST_DELAY_MS", "5000" } });

    // Plivo refuses the message: final.
    simulator().set_faults({ { "status", 400 }, { "status_count", 1 } });
    expect_not_stored(m_client->post_json("/api/send-mms", send_body("+1 415 555 0131", "refused")));

    // Plivo is unavailable beyond the retry deadline: given up, nothing held for sending.
    simulator().set_faults({ { "status", 503 }, { "status_count", 1 } });
    auto given_up = m_client->post_json("/api/send-mms", send_body("+1 415 555 0132", "given up"));
    expect_not_stored(given_up);
    EXPECT_EQ(given_up.status, 503);
    simulator().set_faults(nlohmann::json::object());

    // The database cannot store the message: nothing was stored.
    m_database->execute("ALTER TABLE mmsgate_send_request RENAME TO mmsgate_send_request_away");
    auto unstored = m_client->post_json("/api/send-mms", send_body("+1 415 555 0133", "not stored"));
    m_database->execute("ALTER TABLE mmsgate_send_request_away RENAME TO mmsgate_send_request");
    expect_not_stored(unstored);
    EXPECT_EQ(unstored.status, 503);

    // Nothing of the three is held for sending: the simulator saw only the refused one.
    EXPECT_EQ(deliveries_by_text(simulator().messages()).count("given up"), 0u);
    EXPECT_EQ(deliveries_by_text(simulator().messages()).count("not stored"), 0u);
    auto history = m_client->get("/api/messages?limit=50").json()["messages"];
    ASSERT_EQ(history.size(), 2u) << history.dump();
    for (auto const& message : history)
        EXPECT_EQ(message["state"], "failed") << message.dump();
}

TEST_P(SendAnswersTest, StoredMessageIsAcceptedWithWhereToFollowIt)
{
    start_signed_in();
    simulator().set_faults({ { "status", 500 }, { "status_count", 1 } });
    auto reply = m_client->post_json("/api/send-mms", send_body("+1 415 555 0134", "checked"));
    ASSERT_EQ(reply.status, 202) << reply.body;
    auto body = reply.json();
    EXPECT_EQ(body["success"], true);
    EXPECT_EQ(body["status"], "checking");
    EXPECT_FALSE(body.value("reason", "").empty());
    EXPECT_TRUE(body["invalidNumbers"].is_array());
    EXPECT_TRUE(body["sandbox"].is_boolean());
    ASSERT_EQ(body["recipients"].size(), 1u) << reply.body;
    EXPECT_EQ(body["recipients"][0]["to"], "+14155550134");
    EXPECT_EQ(body["recipients"][0]["id"], body["id"]);
    EXPECT_EQ(body["recipients"][0]["state"], "accepted");
    // The id leads to the message, which ends sent exactly once.
    auto id = body["id"].get<std::string>();
    EXPECT_TRUE(eventually([&] { return m_client->get("/api/messages/" + id).json()["message"]["state"] != "accepted"; }));
    EXPECT_EQ(deliveries_by_text(simulator().messages())["checked"], 1);
}

MMSGATE_ON_EVERY_BACKEND(SendAnswersTest);

}
