// Issue 16, opt-outs: incoming STOP/START/HELP delivered by the real simulator (repeated as Plivo's
// retries would) to a real mmsgate on a real database; sends to a suppressed number never reach
// the simulator; Plivo's error 200 adds the recipient; the admin API lists, ends, imports, exports.
#include "integration/fixture.hpp"

#include <fmt/format.h>

namespace mmsgate::testing {

namespace {

constexpr char kTheirNumber[] = "+14155550142";
constexpr char kConfirmation[] = "You are unsubscribed. Reply START to subscribe again.";
constexpr char kHelp[] = "Acme: reply STOP to opt out. Msg & data rates may apply. Help: support@example.com";
constexpr char kAdminEmail[] = "admin@example.com";

std::map<std::string, std::string> opt_out_settings()
{
    return { { "MMSGATE_OPTOUT_CONFIRMATION_TEXT", kConfirmation }, { "MMSGATE_HELP_TEXT", kHelp } };
}

}

class OptOutTest : public MmsgateTest {
protected:
    void prepare() override { start_signed_in(opt_out_settings()); }

    std::string deliver(ServerProcess& server, nlohmann::json spec)
    {
        spec["url"] = server.base_url() + "/api/plivo/inbound";
        if (!spec.contains("to"))
            spec["to"] = kSenderNumber;
        if (!spec.contains("from"))
            spec["from"] = kTheirNumber;
        HttpClient simulator_client(simulator().base_url());
        auto reply = simulator_client.post_json("/_sim/inbound", spec);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().value("messageUuid", "");
    }
    std::string deliver(nlohmann::json spec) { return deliver(*m_server, std::move(spec)); }

    int reached_simulator(std::string const& text) { return deliveries_by_text(simulator().messages())[text]; }

    bool suppressed(HttpClient& client, std::string const& number)
    {
        auto reply = client.get("/api/suppressions/check?number=" + number);
        return reply.status == 200 && reply.json().value("suppressed", false);
    }

    HttpClient admin_client()
    {
        add_user(kAdminEmail, kUserPassword, true);
        HttpClient admin(m_server->base_url());
        EXPECT_EQ(admin.login(kAdminEmail, kUserPassword).status, 200);
        return admin;
    }

    std::string state_of(nlohmann::json const& recipients, std::string const& number)
    {
        for (auto const& recipient : recipients) {
            if (recipient["to"] == number)
                return recipient["state"];
        }
        return "";
    }
};

TEST_P(OptOutTest, StopIsConfirmedOnceAndLaterSendsAreSuppressedUntilStart)
{
    deliver({ { "text", "  Stop! " }, { "deliveries", 3 } });
    ASSERT_TRUE(eventually([&] { return occurrences(m_server->process().output(), "delivered again: already stored") >= 2; }))
        << m_server->process().output();
    ASSERT_TRUE(eventually([&] { return reached_simulator(kConfirmation) == 1; })) << simulator().messages().dump();
    EXPECT_TRUE(suppressed(*m_client, kTheirNumber));
    auto rows = m_database->query("SELECT source, keyword, source_text, our_number FROM mmsgate_suppression");
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0], (std::vector<std::string> { "keyword", "STOP", "  Stop! ", kSenderNumber }));
    // The confirmation is in the conversation, marked automatic.
    auto automatic = m_database->query("SELECT count(*) FROM mmsgate_send_request WHERE origin = 'automatic'");
    EXPECT_EQ(automatic.at(0).at(0), "1");

    auto refused = m_client->post_json("/api/send-mms", send_body(kTheirNumber, "After the stop"));
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json()["status"], "suppressed");
    EXPECT_EQ(state_of(refused.json()["recipients"], kTheirNumber), "suppressed");
    auto history = m_client->get("/api/messages?recipient=" + std::string(kTheirNumber)).json();
    EXPECT_NE(history.dump().find("opted out"), std::string::npos) << history.dump();
    EXPECT_EQ(reached_simulator("After the stop"), 0);
    // Still exactly one confirmation.
    EXPECT_EQ(reached_simulator(kConfirmation), 1);

    deliver({ { "text", "START" } });
    ASSERT_TRUE(eventually([&] { return !suppressed(*m_client, kTheirNumber); }));
    auto sent = m_client->post_json("/api/send-mms", send_body(kTheirNumber, "Welcome back"));
    EXPECT_TRUE(is_accepted(sent.status)) << sent.body;
    ASSERT_TRUE(eventually([&] { return reached_simulator("Welcome back") == 1; }));
    auto history_rows = m_database->query("SELECT end_source, end_reason FROM mmsgate_suppression");
    EXPECT_EQ(history_rows.at(0), (std::vector<std::string> { "keyword", "START" }));
}

TEST_P(OptOutTest, MessageIntentOptOutWithOtherTextSuppresses)
{
    deliver({ { "text", "no more of these thanks" }, { "intent", "optout" } });
    ASSERT_TRUE(eventually([&] { return suppressed(*m_client, kTheirNumber); }));
    auto rows = m_database->query("SELECT source FROM mmsgate_suppression");
    EXPECT_EQ(rows.at(0).at(0), "intent");
}

TEST_P(OptOutTest, AStopWordAmongOtherWordsIsFlaggedAndConfirmedWithOneClick)
{
    deliver({ { "text", "please stop texting me" } });
    ASSERT_TRUE(eventually([&] {
        auto rows = m_database->query("SELECT flag FROM mmsgate_inbound_message");
        return !rows.empty() && rows[0][0] == "possible_optout";
    }));
    EXPECT_FALSE(suppressed(*m_client, kTheirNumber));
    auto id = m_database->query("SELECT id FROM mmsgate_inbound_message").at(0).at(0);
    auto confirmed = m_client->post_json("/api/suppressions/confirm-flagged", { { "messageId", id } });
    EXPECT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_TRUE(suppressed(*m_client, kTheirNumber));
    ASSERT_TRUE(eventually([&] { return reached_simulator(kConfirmation) == 1; }));
}

TEST_P(OptOutTest, HelpIsAnsweredAutomatically)
{
    deliver({ { "text", "help" } });
    ASSERT_TRUE(eventually([&] { return reached_simulator(kHelp) == 1; }));
    EXPECT_FALSE(suppressed(*m_client, kTheirNumber));
}

TEST_P(OptOutTest, PlivoErrorTwoHundredOnADeliveryReportSuppresses)
{
    simulator().set_faults({ { "outcome", "failed" }, { "error_code", 200 } });
    auto sent = m_client->post_json("/api/send-mms", send_body(kTheirNumber, "Before Plivo knew"));
    EXPECT_TRUE(is_accepted(sent.status)) << sent.body;
    ASSERT_TRUE(eventually([&] { return suppressed(*m_client, kTheirNumber); }));
    auto rows = m_database->query("SELECT source, our_number FROM mmsgate_suppression");
    EXPECT_EQ(rows.at(0), (std::vector<std::string> { "plivo_error", kSenderNumber }));
    auto reason = m_client->get("/api/suppressions/check?number=" + std::string(kTheirNumber)).json()["reason"];
    EXPECT_EQ(reason, "Plivo reported the recipient opted out");
}

TEST_P(OptOutTest, TheSimulatorRefusesAPairThatSentStopLikePlivoDoes)
{
    // The simulator keeps Plivo's own per-pair STOP: when mmsgate forgets the opt-out (an admin ends
    // it), the next send reaches the simulator, fails with error 200, and mmsgate suppresses again.
    auto admin = admin_client();
    deliver({ { "text", "STOP" } });
    ASSERT_TRUE(eventually([&] { return reached_simulator(kConfirmation) == 1; }));
    auto id = m_client->get("/api/suppressions").json()["suppressions"][0]["id"].get<std::string>();
    ASSERT_EQ(admin.post_json("/api/suppressions/" + id + "/end", { { "reason", "test: forget it" } }).status, 200);
    auto sent = m_client->post_json("/api/send-mms", send_body(kTheirNumber, "Sent anyway"));
    EXPECT_TRUE(is_accepted(sent.status)) << sent.body;
    ASSERT_TRUE(eventually([&] { return suppressed(*m_client, kTheirNumber); }));
    EXPECT_EQ(reached_simulator("Sent anyway"), 1);
    auto rows = m_database->query("SELECT source FROM mmsgate_suppression WHERE ended_at IS NULL");
    EXPECT_EQ(rows.at(0).at(0), "plivo_error");
}

TEST_P(OptOutTest, ASendToThreeRecipientsWithOneSuppressedSendsTwo)
{
    auto admin = admin_client();
    auto added = admin.post_json("/api/suppressions", { { "number", "+14155550113" }, { "note", "asked by phone" } });
    ASSERT_EQ(added.status, 201) << added.body;
    auto body = send_body("+14155550111", "Three of us");
    body["to"] = nlohmann::json::array({ "+14155550111", "+14155550112", "+14155550113" });
    auto sent = m_client->post_json("/api/send-mms", body);
    ASSERT_TRUE(is_accepted(sent.status)) << sent.body;
    auto recipients = sent.json()["recipients"];
    EXPECT_EQ(recipients.size(), 3U) << sent.body;
    EXPECT_EQ(state_of(recipients, "+14155550113"), "suppressed");
    EXPECT_NE(state_of(recipients, "+14155550111"), "suppressed");
    ASSERT_TRUE(eventually([&] { return reached_simulator("Three of us") == 1; }));
    auto recorded = simulator().messages();
    std::string destinations;
    for (auto const& entry : recorded) {
        if (entry["request"]["text"] == "Three of us")
            destinations = entry["request"]["dst"];
    }
    EXPECT_NE(destinations.find("14155550111"), std::string::npos) << destinations;
    EXPECT_NE(destinations.find("14155550112"), std::string::npos) << destinations;
    EXPECT_EQ(destinations.find("14155550113"), std::string::npos) << destinations;
    auto history = m_client->get("/api/messages?recipient=%2B14155550113").json();
    EXPECT_NE(history.dump().find("suppressed"), std::string::npos) << history.dump();
    EXPECT_NE(history.dump().find("asked by phone"), std::string::npos) << history.dump();
}

TEST_P(OptOutTest, AdminListsEndsWithAReasonImportsAndExports)
{
    auto admin = admin_client();
    // A sender may read but not change the list.
    EXPECT_EQ(m_client->post_json("/api/suppressions", { { "number", "+14155550120" } }).status, 403);
    auto imported = admin.request("POST", "/api/suppressions/import",
        "number,note\n+14155550120,from the old system\n415 555 0121\nnot a number\n", { "Content-Type: text/csv" });
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.json()["added"], 2);
    EXPECT_EQ(imported.json()["rejected"].size(), 1U);
    auto listed = m_client->get("/api/suppressions?q=0120").json();
    ASSERT_EQ(listed["suppressions"].size(), 1U) << listed.dump();
    auto id = listed["suppressions"][0]["id"].get<std::string>();
    EXPECT_EQ(admin.post_json("/api/suppressions/" + id + "/end", { { "reason", " " } }).status, 400);
    auto ended = admin.post_json("/api/suppressions/" + id + "/end", { { "reason", "Customer asked to resubscribe" } });
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_FALSE(suppressed(*m_client, "+14155550120"));
    auto still = m_client->get("/api/suppressions?status=ended").json();
    ASSERT_EQ(still["suppressions"].size(), 1U);
    EXPECT_EQ(still["suppressions"][0]["endReason"], "Customer asked to resubscribe");
    admin.post_json("/api/suppressions", { { "number", "+14155550122" }, { "note", "=HYPERLINK(\"x\")" } });
    auto csv = m_client->get("/api/suppressions/export.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("\"+14155550120\""), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("Customer asked to resubscribe"), std::string::npos);
    EXPECT_EQ(csv.body.find(",\"=HYPERLINK"), std::string::npos) << csv.body;
    auto audit = m_database->query("SELECT action FROM mmsgate_audit_log WHERE target_type = 'suppression' ORDER BY action");
    ASSERT_EQ(audit.size(), 3U);
    EXPECT_EQ(audit[0][0], "suppression.added");
    EXPECT_EQ(audit[1][0], "suppression.ended");
    EXPECT_EQ(audit[2][0], "suppression.imported");
}

MMSGATE_ON_EVERY_BACKEND(OptOutTest);

// Two instances on one PostgreSQL database: an opt-out received by one holds for a send through the
// other a second later (no cache).
class OptOutInstancesTest : public OptOutTest {
protected:
    void prepare() override { }
};

TEST_P(OptOutInstancesTest, AnOptOutReceivedByOneInstanceHoldsOnTheOtherWithinASecond)
{
    auto settings = opt_out_settings();
    auto& first = start_server(settings);
    add_user(kUserEmail, kUserPassword);
    TemporaryDirectory second_data;
    settings["MMSGATE_DATA_DIR"] = second_data.path().string();
    ServerProcess second({ "serve" }, server_environment(settings), second_data.path());
    HttpClient on_second(second.base_url());
    ASSERT_EQ(on_second.login(kUserEmail, kUserPassword).status, 200);

    deliver(first, { { "text", "STOP" } });
    ASSERT_TRUE(eventually([&] { return !m_database->query("SELECT id FROM mmsgate_suppression").empty(); }));
    // Sent at once: stricter than the "one second later".
    auto refused = on_second.post_json("/api/send-mms", send_body(kTheirNumber, "Through the other one"));
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(reached_simulator("Through the other one"), 0);
}

MMSGATE_ON_POSTGRES_ONLY(OptOutInstancesTest);

}
