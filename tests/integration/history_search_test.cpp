// GET /api/messages?q=… and ?requestId=…: the history finds a message by part of its number or by
// its text, and lists the recipients of one send, on both databases.
#include "integration/fixture.hpp"

#include <algorithm>

namespace mmsgate::testing {

class HistorySearchTest : public MmsgateTest {
protected:
    void prepare() override { start_signed_in(); }

    std::vector<std::string> recipients_found(std::string const& query)
    {
        auto reply = m_client->get("/api/messages?" + query);
        EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
        std::vector<std::string> recipients;
        auto const body = reply.json();
        for (auto const& message : body["messages"])
            recipients.push_back(message["to"].get<std::string>());
        std::sort(recipients.begin(), recipients.end());
        return recipients;
    }
};

TEST_P(HistorySearchTest, FindsByPartOfTheNumberOrTheTextAndListsOneSend)
{
    nlohmann::json group = send_body("+1 415 555 0111", "Coffee on Saturday, 10% off_all");
    group["to"] = { "+1 415 555 0111", "+1 604 555 0112" };
    auto sent = m_client->post_json("/api/send-mms", group);
    ASSERT_EQ(sent.status, 200) << sent.body;
    ASSERT_EQ(m_client->post_json("/api/send-mms", send_body("(415) 555-0199", "Dentist tomorrow")).status, 200);

    using Numbers = std::vector<std::string>;
    EXPECT_EQ(recipients_found("q=0112"), Numbers { "+16045550112" });
    EXPECT_EQ(recipients_found("q=555-01"), (Numbers { "+14155550111", "+14155550199", "+16045550112" }));
    EXPECT_EQ(recipients_found("q=%28415%29%20555-0199"), Numbers { "+14155550199" });
    EXPECT_EQ(recipients_found("q=DENTIST"), Numbers { "+14155550199" });
    EXPECT_EQ(recipients_found("q=coffee"), (Numbers { "+14155550111", "+16045550112" }));
    // LIKE's own characters are taken literally.
    EXPECT_EQ(recipients_found("q=10%25"), (Numbers { "+14155550111", "+16045550112" }));
    EXPECT_EQ(recipients_found("q=f_a"), (Numbers { "+14155550111", "+16045550112" }));
    EXPECT_EQ(recipients_found("q=f_x"), Numbers {});
    EXPECT_EQ(recipients_found("q=%25"), (Numbers { "+14155550111", "+16045550112" }));
    EXPECT_EQ(recipients_found("q=nothing%20like%20this"), Numbers {});

    auto request_id = m_client->get("/api/messages/" + sent.json()["id"].get<std::string>()).json()["message"]["requestId"];
    ASSERT_TRUE(request_id.is_string());
    EXPECT_EQ(recipients_found("requestId=" + request_id.get<std::string>()), (Numbers { "+14155550111", "+16045550112" }));

    auto too_long = m_client->get("/api/messages?q=" + std::string(201, 'x'));
    EXPECT_EQ(too_long.status, 400);
    EXPECT_EQ(too_long.json()["field"], "q");
}

TEST_P(HistorySearchTest, AnotherUsersMessagesAreNeverFound)
{
    ASSERT_EQ(m_client->post_json("/api/send-mms", send_body("+1 415 555 0150", "Mine only")).status, 200);
    add_user("other@example.com", "another-long-password-1");
    HttpClient other(m_server->base_url());
    ASSERT_EQ(other.login("other@example.com", "another-long-password-1").status, 200);
    auto reply = other.get("/api/messages?q=Mine");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.json()["messages"].empty()) << reply.body;
}

MMSGATE_ON_EVERY_BACKEND(HistorySearchTest);

}
