// Outgoing webhooks end to end: the real mmsgate, the Plivo simulator, and a receiver on loopback
// (tests/interop/webhook-receiver.mjs) that verifies every delivery with the npm standardwebhooks
// library. Retry delays are shortened for the tests (MMSGATE_WEBHOOK_RETRY_*_MS, documented as such).
#include "integration/fixture.hpp"
#include "support/build_paths.hpp"

#include <csignal>
#include <set>

namespace mmsgate::testing {
namespace {

// Test-only settings: retries 200 ms apart growing to 1 s, and a quick poll.
std::map<std::string, std::string> fast_webhooks()
{
    return { { "MMSGATE_WEBHOOK_RETRY_FIRST_DELAY_MS", "200" }, { "MMSGATE_WEBHOOK_RETRY_LONGEST_DELAY_MS", "1000" },
        { "MMSGATE_WEBHOOK_POLL_MS", "100" } };
}

class Receiver {
public:
    Receiver()
        : m_process({ "node", source_directory() + "/tests/interop/webhook-receiver.mjs" }, {},
              source_directory() + "/tests/interop", "/usr/bin/env")
        , m_client(m_process.base_url())
    {
    }

    [[nodiscard]] std::string url() const { return m_process.base_url() + "/hook"; }

    void control(nlohmann::json const& settings)
    {
        auto reply = m_client.post_json("/_control", settings);
        ASSERT_EQ(reply.status, 204) << reply.body << reply.error;
    }

    [[nodiscard]] nlohmann::json log()
    {
        auto reply = m_client.get("/_log");
        EXPECT_EQ(reply.status, 200) << reply.error;
        return reply.status == 200 ? reply.json() : nlohmann::json::array();
    }

    // The ids the receiver accepted (verified, answered 2xx), in arrival order.
    [[nodiscard]] std::vector<std::string> accepted_ids()
    {
        std::vector<std::string> ids;
        for (auto const& entry : log()) {
            if (entry["answered"] == 204)
                ids.push_back(entry["id"]);
        }
        return ids;
    }

private:
    ServerProcess m_process;
    HttpClient m_client;
};

class WebhooksTest : public MmsgateTest {
protected:
    void start_admin(std::map<std::string, std::string> extra = {})
    {
        auto settings = fast_webhooks();
        settings.merge(extra);
        start_server(settings);
        add_user(kUserEmail, kUserPassword, true);
        m_client = std::make_unique<HttpClient>(logged_in_client());
    }

    // An endpoint for `receiver`, which is told its secret; returns {id, secret}.
    std::pair<std::string, std::string> create_endpoint(Receiver& receiver, std::vector<std::string> events = { "message.state_changed" })
    {
        auto reply = m_client->post_json("/api/webhooks",
            { { "url", receiver.url() }, { "events", events }, { "allowPrivateAddress", true }, { "description", "test receiver" } });
        EXPECT_EQ(reply.status, 201) << reply.body;
        auto body = reply.json();
        std::string secret = body.value("secret", "");
        receiver.control({ { "secrets", { secret } } });
        return { body["endpoint"].value("id", ""), secret };
    }

    nlohmann::json deliveries(std::string const& endpoint_id)
    {
        auto reply = m_client->get("/api/webhooks/" + endpoint_id + "/deliveries?limit=500");
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.status == 200 ? reply.json()["deliveries"] : nlohmann::json::array();
    }

    // True once every delivery of the endpoint is delivered and the messages reached a final state.
    bool all_delivered(std::string const& endpoint_id, std::size_t at_least)
    {
        auto list = deliveries(endpoint_id);
        if (list.size() < at_least)
            return false;
        for (auto const& delivery : list) {
            if (delivery["state"] != "delivered")
                return false;
        }
        return true;
    }

    void send_messages(int count, std::string const& prefix)
    {
        for (int i = 0; i < count; ++i) {
            auto reply = m_client->post_json("/api/send-mms", send_body("+1 415 555 01" + std::to_string(20 + i), prefix + " " + std::to_string(i)));
            ASSERT_TRUE(is_accepted(reply.status)) << reply.body;
        }
    }

    // Every message reached "delivered" (so no more state changes will come).
    bool messages_settled(std::size_t count)
    {
        auto reply = m_client->get("/api/messages?limit=100");
        if (reply.status != 200)
            return false;
        auto messages = reply.json()["messages"];
        if (messages.size() < count)
            return false;
        for (auto const& message : messages) {
            if (message["state"] != "delivered")
                return false;
        }
        return true;
    }
};

// Each accepted id once; all verified; per message, the states in the order they happened.
void expect_exactly_once_in_order(nlohmann::json const& log, nlohmann::json const& deliveries)
{
    std::vector<std::string> accepted;
    std::string previous_timestamp;
    for (auto const& entry : log) {
        EXPECT_EQ(entry["verifiedWith"], nlohmann::json::array({ 0 })) << entry.dump();
        if (entry["answered"] != 204)
            continue;
        accepted.push_back(entry["id"]);
        std::string occurred = entry["payload"]["timestamp"];
        EXPECT_LE(previous_timestamp, occurred) << "event time went backwards at " << entry.dump();
        previous_timestamp = occurred;
    }
    std::set<std::string> unique(accepted.begin(), accepted.end());
    EXPECT_EQ(unique.size(), accepted.size()) << "an event was accepted twice";
    std::set<std::string> expected;
    for (auto const& delivery : deliveries)
        expected.insert(delivery["eventId"].get<std::string>());
    EXPECT_EQ(unique, expected);
    // One at a time: once an event was first sent, no other event arrived before it was accepted.
    std::optional<std::string> open;
    for (auto const& entry : log) {
        std::string id = entry["id"];
        if (open && *open != id)
            ADD_FAILURE() << "event " << id << " arrived while " << *open << " was still being retried";
        open = entry["answered"] == 204 ? std::nullopt : std::optional<std::string>(id);
    }
}

TEST_P(WebhooksTest, AReceiverFailingFor30SecondsGetsEveryEventExactlyOnceInOrder)
{
    Receiver receiver;
    start_admin();
    auto [endpoint, secret] = create_endpoint(receiver);
    receiver.control({ { "failing", true } });
    send_messages(3, "outage");
    ASSERT_TRUE(eventually([&] { return messages_settled(3); }));
    auto failing_until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    // Retried meanwhile (and signed each time), never given up on.
    ASSERT_TRUE(eventually([&] { return receiver.log().size() >= 5; }));
    std::this_thread::sleep_until(failing_until);
    receiver.control({ { "failing", false } });

    // accepted, queued, sent, delivered for each of 3 messages.
    ASSERT_TRUE(eventually([&] { return all_delivered(endpoint, 12); }, std::chrono::seconds(60)));
    auto log = receiver.log();
    expect_exactly_once_in_order(log, deliveries(endpoint));
    // Every delivery shows its attempts, status and latency in the log.
    auto list = deliveries(endpoint);
    EXPECT_GT(list.back()["attempts"].get<int>(), 1);
    EXPECT_EQ(list.front()["lastStatus"], 204);
    auto detail = m_client->get("/api/webhooks/deliveries/" + list.back()["id"].get<std::string>());
    ASSERT_EQ(detail.status, 200);
    auto attempts = detail.json()["delivery"]["attemptLog"];
    ASSERT_GT(attempts.size(), 1u);
    EXPECT_EQ(attempts.front()["status"], 503);
    EXPECT_EQ(attempts.front()["responseExcerpt"], "receiver down (test)");
    EXPECT_EQ(attempts.back()["status"], 204);
    EXPECT_EQ(detail.body.find(secret), std::string::npos);
}

TEST_P(WebhooksTest, ARestartMidRetryLosesNothing)
{
    Receiver receiver;
    start_admin();
    auto [endpoint, secret] = create_endpoint(receiver);
    receiver.control({ { "failing", true } });
    send_messages(2, "restart");
    ASSERT_TRUE(eventually([&] { return receiver.log().size() >= 3; }));
    stop_server();
    auto attempts_before_restart = receiver.log().size();
    receiver.control({ { "failing", false } });
    start_server(fast_webhooks());
    m_client = std::make_unique<HttpClient>(logged_in_client());
    ASSERT_TRUE(eventually([&] { return messages_settled(2) && all_delivered(endpoint, 8); }, std::chrono::seconds(60)));
    EXPECT_GT(receiver.log().size(), attempts_before_restart);
    expect_exactly_once_in_order(receiver.log(), deliveries(endpoint));
}

TEST_P(WebhooksTest, AReplaySendsTheSameWebhookIdAgain)
{
    Receiver receiver;
    start_admin();
    auto [endpoint, secret] = create_endpoint(receiver);
    send_messages(1, "replay");
    ASSERT_TRUE(eventually([&] { return messages_settled(1) && all_delivered(endpoint, 4); }));
    auto list = deliveries(endpoint);
    auto delivery = list.back();
    auto before = receiver.accepted_ids().size();
    auto replay = m_client->post_json("/api/webhooks/deliveries/" + delivery["id"].get<std::string>() + "/replay", nlohmann::json::object());
    ASSERT_EQ(replay.status, 202) << replay.body;
    ASSERT_TRUE(eventually([&] { return receiver.accepted_ids().size() == before + 1; }));
    EXPECT_EQ(receiver.accepted_ids().back(), delivery["eventId"]);

    // A time range replays every event in it, each with its own id again.
    auto range = m_client->post_json("/api/webhooks/" + endpoint + "/replay",
        { { "from", "2000-01-01T00:00:00Z" }, { "to", "2100-01-01T00:00:00Z" } });
    ASSERT_EQ(range.status, 202) << range.body;
    EXPECT_EQ(range.json()["replayed"], 4);
    ASSERT_TRUE(eventually([&] { return receiver.accepted_ids().size() == before + 5; }));
    auto ids = receiver.accepted_ids();
    std::multiset<std::string> replayed(ids.end() - 4, ids.end());
    for (auto const& item : list)
        EXPECT_EQ(replayed.count(item["eventId"].get<std::string>()), 1u);
}

TEST_P(WebhooksTest, DuringARotationBothSecretsSign)
{
    Receiver receiver;
    start_admin();
    auto [endpoint, secret] = create_endpoint(receiver);
    auto rotated = m_client->post_json("/api/webhooks/" + endpoint + "/rotate-secret", nlohmann::json::object());
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    std::string fresh = rotated.json()["secret"];
    EXPECT_NE(fresh, secret);
    receiver.control({ { "secrets", { secret, fresh } } });
    send_messages(1, "rotation");
    ASSERT_TRUE(eventually([&] { return all_delivered(endpoint, 4); }));
    for (auto const& entry : receiver.log())
        EXPECT_EQ(entry["verifiedWith"], nlohmann::json::array({ 0, 1 })) << entry.dump();
    // The secrets are never shown again.
    auto listed = m_client->get("/api/webhooks");
    EXPECT_EQ(listed.body.find(secret), std::string::npos);
    EXPECT_EQ(listed.body.find(fresh), std::string::npos);
    EXPECT_TRUE(listed.json()["endpoints"][0]["previousSecretValidUntil"].is_string());
}

TEST_P(WebhooksTest, OnlyAdminsManageWebhooksAndPrivateAddressesNeedTheAllowance)
{
    Receiver receiver;
    start_admin();
    auto refused = m_client->post_json("/api/webhooks", { { "url", receiver.url() }, { "events", { "message.state_changed" } } });
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(refused.json()["field"], "url");
    auto cross_site = m_client->request("POST", "/api/webhooks",
        nlohmann::json({ { "url", receiver.url() }, { "events", { "message.state_changed" } }, { "allowPrivateAddress", true } }).dump(),
        { "Content-Type: application/json", "Origin: https://evil.example" });
    EXPECT_EQ(cross_site.status, 403);

    add_user("bob@example.com", kUserPassword, false);
    HttpClient sender(m_server->base_url());
    ASSERT_EQ(sender.login("bob@example.com", kUserPassword).status, 200);
    EXPECT_EQ(sender.get("/api/webhooks").status, 403);
    EXPECT_EQ(sender.post_json("/api/webhooks", { { "url", receiver.url() }, { "events", { "message.state_changed" } }, { "allowPrivateAddress", true } }).status, 403);
}

// Even an endpoint allowed a private address never reaches link-local (cloud metadata) or
// unspecified addresses. 0.0.0.0 is this machine on Linux, so a broken check stays on loopback.
TEST_P(WebhooksTest, AnEndpointAllowedPrivateAddressesStillNeverReachesUnspecifiedOrLinkLocalOnes)
{
    start_admin();
    auto created = m_client->post_json("/api/webhooks",
        { { "url", "http://0.0.0.0:9/hook" }, { "events", { "message.state_changed" } }, { "allowPrivateAddress", true } });
    ASSERT_EQ(created.status, 201) << created.body;
    std::string id = created.json()["endpoint"]["id"];
    send_messages(1, "metadata");
    std::string last_error;
    ASSERT_TRUE(eventually([&] {
        // Newest first: the first event's delivery, the one being retried, is the last.
        for (auto const& delivery : deliveries(id)) {
            if (delivery["lastError"].is_string()) {
                last_error = delivery["lastError"];
                return true;
            }
        }
        return false;
    })) << deliveries(id).dump();
    EXPECT_NE(last_error.find("link-local or unspecified"), std::string::npos) << last_error;
}

TEST_P(WebhooksTest, TwoInstancesNeverDeliverTheSameEventTwice)
{
    if (GetParam() != Backend::Postgres)
        GTEST_SKIP() << "several instances share only a PostgreSQL database";
    Receiver receiver;
    start_admin();
    auto [endpoint, secret] = create_endpoint(receiver);
    TemporaryDirectory second_data;
    auto settings = fast_webhooks();
    settings["MMSGATE_DATA_DIR"] = second_data.path().string();
    ServerProcess second({ "serve" }, server_environment(settings), second_data.path());
    // Both instances retry while the receiver fails, then race for every delivery.
    receiver.control({ { "failing", true } });
    send_messages(5, "two instances");
    ASSERT_TRUE(eventually([&] { return messages_settled(5); }));
    ASSERT_TRUE(eventually([&] { return receiver.log().size() >= 6; }));
    receiver.control({ { "failing", false } });
    ASSERT_TRUE(eventually([&] { return all_delivered(endpoint, 20); }, std::chrono::seconds(60)));
    expect_exactly_once_in_order(receiver.log(), deliveries(endpoint));
}

// Plivo delivers the same incoming message three times (its retries): receivers hear of it once,
// with the text and numbers Plivo sent.
TEST_P(WebhooksTest, AnIncomingMessageIsAnnouncedOnceAsMessageReceived)
{
    Receiver receiver;
    start_admin();
    auto [endpoint, secret] = create_endpoint(receiver, { "message.received" });
    HttpClient simulator_client(simulator().base_url());
    auto delivered = simulator_client.post_json("/_sim/inbound",
        { { "url", m_server->base_url() + "/api/plivo/inbound" }, { "from", "+14155550142" }, { "to", kSenderNumber },
            { "text", "Is the shop open today?" }, { "deliveries", 3 } });
    ASSERT_EQ(delivered.status, 200) << delivered.body;
    ASSERT_TRUE(eventually([&] { return occurrences(m_server->process().output(), "delivered again: already stored") >= 2; }))
        << m_server->process().output();
    ASSERT_TRUE(eventually([&] { return all_delivered(endpoint, 1); }));
    auto log = receiver.log();
    ASSERT_EQ(log.size(), 1u) << log.dump();
    auto const& payload = log[0]["payload"];
    EXPECT_EQ(payload["type"], "message.received");
    EXPECT_EQ(payload["data"]["from"], "+14155550142");
    EXPECT_EQ(payload["data"]["to"], kSenderNumber);
    EXPECT_EQ(payload["data"]["text"], "Is the shop open today?");
    EXPECT_EQ(log[0]["verifiedWith"], nlohmann::json::array({ 0 }));
}

// The secret is in the answers that create or rotate it, and no cache may keep those.
TEST_P(WebhooksTest, AnswersCarryingASecretAreNeverCached)
{
    Receiver receiver;
    start_admin();
    auto created = m_client->post_json("/api/webhooks", { { "url", receiver.url() }, { "events", { "message.received" } },
                                                            { "allowPrivateAddress", true } });
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_NE(created.header("cache-control").value_or("").find("no-store"), std::string::npos);
    std::string id = created.json()["endpoint"]["id"];
    auto rotated = m_client->post_json("/api/webhooks/" + id + "/rotate-secret", nlohmann::json::object());
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    EXPECT_NE(rotated.header("cache-control").value_or("").find("no-store"), std::string::npos);
}

MMSGATE_ON_EVERY_BACKEND(WebhooksTest);

}
}
