// The message lifecycle through the real binary: delivery reports, idempotency, ambiguous
// outcomes, outages and crashes. The simulator's record is the judge of "exactly once".
#include "integration/fixture.hpp"

#include "plivo/signature.hpp"

#include <future>
#include <set>
#include <thread>

namespace mmsgate::testing {

namespace {

// A PostgreSQL restart does not void the dead run's leases: a lease shorter than the default
// (twice the Plivo timeouts + 30 s) keeps the crash test short.
std::map<std::string, std::string> const kLifecycleSettings { { "MMSGATE_RETRY_DEADLINE_S", "120" },
    { "MMSGATE_RECONCILE_AFTER_S", "3" }, { "MMSGATE_DISPATCH_LEASE_MS", "20000" } };

// How many times each destination number reached the simulator.
std::map<std::string, int> deliveries_by_destination(nlohmann::json const& recorded)
{
    std::map<std::string, int> counts;
    for (auto const& entry : recorded) {
        if (entry.value("connection_dropped", false) && entry["message_uuid"].empty())
            continue;
        auto body = entry["request"];
        counts[body["dst"].get<std::string>()]++;
    }
    return counts;
}

}

class LifecycleTest : public MmsgateTest {
protected:
    void SetUp() override
    {
        MmsgateTest::SetUp();
        if (IsSkipped())
            return;
        start_server(kLifecycleSettings);
        add_user(kUserEmail, kUserPassword);
        m_client = std::make_unique<HttpClient>(logged_in_client());
    }

    std::string state_of(std::string const& id)
    {
        return m_client->get("/api/messages/" + id).json()["message"].value("state", "");
    }

    std::unique_ptr<HttpClient> m_client;
};

TEST_P(LifecycleTest, DeliveryReportsMoveTheMessageToDelivered)
{
    auto reply = m_client->post_json("/api/send-mms", send_body());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto id = reply.json()["id"].get<std::string>();
    ASSERT_TRUE(eventually([&] { return state_of(id) == "delivered"; })) << state_of(id);
    auto detail = m_client->get("/api/messages/" + id).json();
    // The dispatcher records "queued" when Plivo answers; Plivo's own reports follow. Its "queued"
    // report may arrive before that answer is stored and is then retried by Plivo, so it can land
    // anywhere after: compare the timeline without it.
    std::vector<std::string> states;
    for (auto const& event : detail["events"]) {
        if (!(event["source"] == "callback" && event["state"] == "queued"))
            states.push_back(event["state"].get<std::string>() + "/" + event["source"].get<std::string>());
    }
    EXPECT_EQ(states,
        (std::vector<std::string> { "accepted/api", "queued/dispatcher", "sent/callback", "delivered/callback" }))
        << detail.dump();
    EXPECT_EQ(detail["message"]["totalAmount"], "0.01600") << detail.dump();
}

TEST_P(LifecycleTest, FailedReportsCarryTheErrorCodeAndItsMeaning)
{
    simulator().set_faults({ { "outcome", "undelivered" }, { "error_code", 30 } });
    auto reply = m_client->post_json("/api/send-mms", send_body());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto id = reply.json()["id"].get<std::string>();
    ASSERT_TRUE(eventually([&] { return state_of(id) == "undelivered"; }));
    auto message = m_client->get("/api/messages/" + id).json()["message"];
    EXPECT_EQ(message["errorCode"], 30);
    EXPECT_FALSE(message.value("errorMeaning", "").empty());
}

TEST_P(LifecycleTest, CallbackSignaturesAreChecked)
{
    auto reply = m_client->post_json("/api/send-mms", send_body());
    ASSERT_EQ(reply.status, 200);
    auto uuid = reply.json()["plivoResponse"]["messageUuid"][0].get<std::string>();
    auto id = reply.json()["id"].get<std::string>();
    ASSERT_TRUE(eventually([&] { return state_of(id) == "delivered"; }));

    auto url = m_server->base_url() + "/api/plivo/status";
    FormFields params { { "MessageUUID", uuid }, { "Status", "failed" }, { "Sequence", "9" }, { "ErrorCode", "50" } };
    std::map<std::string, std::string> form(params.begin(), params.end());
    HttpClient plivo(m_server->base_url());
    auto nonce = new_signature_nonce();

    // Missing and wrong signatures change nothing.
    EXPECT_EQ(plivo.post_form("/api/plivo/status", form).status, 403);
    EXPECT_EQ(plivo.post_form("/api/plivo/status", form,
                  { std::string("X-Plivo-Signature-V3: bm90IHRoZSBzaWduYXR1cmU="), "X-Plivo-Signature-V3-Nonce: " + nonce })
                  .status,
        403);
    auto wrong_key = compute_signature_v3("some other token", "POST", url, params, nonce);
    EXPECT_EQ(plivo.post_form("/api/plivo/status", form,
                  { "X-Plivo-Signature-V3: " + wrong_key, "X-Plivo-Signature-V3-Nonce: " + nonce })
                  .status,
        403);
    EXPECT_EQ(state_of(id), "delivered");

    // A valid V3 report is accepted but cannot move a delivered message backwards; a replay is a duplicate.
    auto good = compute_signature_v3(kSimulatorAuthToken, "POST", url, params, nonce);
    auto accepted = plivo.post_form("/api/plivo/status", form,
        { "X-Plivo-Signature-V3: " + wrong_key + "," + good, "X-Plivo-Signature-V3-Nonce: " + nonce });
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(state_of(id), "delivered");
    auto replayed = plivo.post_form("/api/plivo/status", form,
        { "X-Plivo-Signature-V3: " + good, "X-Plivo-Signature-V3-Nonce: " + nonce });
    EXPECT_EQ(replayed.json()["duplicate"], true);

    // V2 (no V3 headers at all) signs the URL and nonce only.
    auto v2 = compute_signature_v2(kSimulatorAuthToken, url, "12345");
    EXPECT_EQ(plivo.post_form("/api/plivo/status", form, { "X-Plivo-Signature-V2: " + v2, "X-Plivo-Signature-V2-Nonce: 12345" }).status,
        200);
    EXPECT_EQ(plivo.post_form("/api/plivo/status", form, { "X-Plivo-Signature-V2: " + v2, "X-Plivo-Signature-V2-Nonce: 54321" }).status,
        403);
}

TEST_P(LifecycleTest, OutOfOrderReportsNeverMoveBackwards)
{
    simulator().set_faults({ { "callback_delay_ms", 60000 } });
    auto reply = m_client->post_json("/api/send-mms", send_body());
    ASSERT_EQ(reply.status, 200);
    auto uuid = reply.json()["plivoResponse"]["messageUuid"][0].get<std::string>();
    auto id = reply.json()["id"].get<std::string>();
    auto url = m_server->base_url() + "/api/plivo/status";
    HttpClient plivo(m_server->base_url());
    auto report = [&](std::string const& status, std::string const& sequence) {
        FormFields params { { "MessageUUID", uuid }, { "Status", status }, { "Sequence", sequence } };
        auto nonce = new_signature_nonce();
        auto signature = compute_signature_v3(kSimulatorAuthToken, "POST", url, params, nonce);
        return plivo.post_form("/api/plivo/status", std::map<std::string, std::string>(params.begin(), params.end()),
            { "X-Plivo-Signature-V3: " + signature, "X-Plivo-Signature-V3-Nonce: " + nonce });
    };
    EXPECT_EQ(report("delivered", "3").status, 200);
    EXPECT_EQ(state_of(id), "delivered");
    EXPECT_EQ(report("sent", "2").status, 200);
    EXPECT_EQ(report("queued", "1").status, 200);
    EXPECT_EQ(state_of(id), "delivered");
    auto events = m_client->get("/api/messages/" + id).json()["events"];
    EXPECT_EQ(events.size(), 5u) << events.dump(); // accepted, queued (dispatcher), delivered, sent, queued
}

TEST_P(LifecycleTest, IdempotencyKeySendsOnce)
{
    auto first = m_client->post_json("/api/send-mms", send_body(), { "Idempotency-Key: order-42" });
    auto second = m_client->post_json("/api/send-mms", send_body(), { "Idempotency-Key: order-42" });
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(first.body, second.body);
    EXPECT_EQ(second.header("idempotent-replayed"), "true");
    auto other = m_client->post_json("/api/send-mms", send_body("+1 415 555 0999"), { "Idempotency-Key: order-42" });
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_EQ(simulator().messages().size(), 1u);

    // Racing duplicates (a double click) still send once.
    std::vector<std::future<long>> racing;
    for (int i = 0; i < 8; ++i)
        racing.push_back(std::async(std::launch::async, [&] {
            HttpClient client(m_server->base_url());
            client.cookies() = m_client->cookies();
            return client.post_json("/api/send-mms", send_body("+1 415 555 0777"), { "Idempotency-Key: double-click" }).status;
        }));
    for (auto& status : racing) {
        auto value = status.get();
        EXPECT_TRUE(value == 200 || value == 202) << value;
    }
    EXPECT_EQ(simulator().messages().size(), 2u);
}

TEST_P(LifecycleTest, AmbiguousOutcomeIsLookedUpNotResent)
{
    simulator().set_faults({ { "drop_after_read", true }, { "drop_count", 1 } });
    auto reply = m_client->post_json("/api/send-mms", send_body());
    EXPECT_EQ(reply.status, 504) << reply.body;
    auto id = reply.json()["id"].get<std::string>();
    ASSERT_TRUE(eventually([&] {
        auto state = state_of(id);
        return state == "queued" || state == "sent" || state == "delivered";
    })) << state_of(id);
    EXPECT_EQ(simulator().messages().size(), 1u) << simulator().messages().dump();
    auto message = m_client->get("/api/messages/" + id).json()["message"];
    EXPECT_EQ(message["plivoUuid"], simulator().messages()[0]["message_uuid"][0]);
}

TEST_P(LifecycleTest, OutageIsRiddenOutAndEveryMessageDeliveredOnce)
{
    simulator().set_faults({ { "status", 503 } });
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) {
        auto reply = m_client->post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(3000 + i)));
        EXPECT_EQ(reply.status, 503) << reply.body;
        ids.push_back(reply.json()["id"]);
    }
    std::this_thread::sleep_for(std::chrono::seconds(3));
    simulator().set_faults({ { "drop_after_read", true } });
    for (int i = 10; i < 15; ++i) {
        auto reply = m_client->post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(3000 + i)));
        ids.push_back(reply.json()["id"]);
    }
    std::this_thread::sleep_for(std::chrono::seconds(3));
    simulator().set_faults(nlohmann::json::object());
    ASSERT_TRUE(eventually(
        [&] {
            for (auto const& id : ids) {
                if (state_of(id) != "delivered")
                    return false;
            }
            return true;
        },
        std::chrono::seconds(90)));
    auto counts = deliveries_by_destination(simulator().messages());
    EXPECT_EQ(counts.size(), 15u);
    for (auto const& [destination, count] : counts)
        EXPECT_EQ(count, 1) << destination;
}

TEST_P(LifecycleTest, CrashLosesNothingAndSendsNothingTwice)
{
    simulator().set_faults({ { "latency_ms", 800 } });
    constexpr int kSends = 200;
    std::vector<std::future<HttpReply>> sends;
    for (int i = 0; i < kSends; ++i) {
        sends.push_back(std::async(std::launch::async, [&, i] {
            HttpClient client(m_server->base_url());
            client.cookies() = m_client->cookies();
            return client.post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(4000 + i)));
        }));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    m_server->process().signal(SIGKILL);
    std::set<std::string> accepted;
    for (auto& send : sends) {
        auto reply = send.get();
        if (reply.status >= 200 && reply.status < 300)
            accepted.insert(reply.json()["id"]);
    }
    (void)m_server->process().wait();
    simulator().set_faults(nlohmann::json::object());
    // The same address, so that Plivo's reports (and the callback URL in each message) still reach it.
    auto port = std::to_string(m_server->port());
    auto settings = kLifecycleSettings;
    settings["MMSGATE_LISTEN"] = "127.0.0.1:" + port;
    start_server(settings);
    HttpClient client = logged_in_client();

    // Every stored message ends delivered (or visibly failed/unknown); none reaches Plivo twice.
    ASSERT_TRUE(eventually(
        [&] {
            auto page = client.get("/api/messages?limit=500").json()["messages"];
            for (auto const& message : page) {
                if (message["state"] == "accepted" || message["state"] == "queued" || message["state"] == "sent")
                    return false;
            }
            return true;
        },
        std::chrono::seconds(90)));
    auto page = client.get("/api/messages?limit=500").json()["messages"];
    std::set<std::string> stored;
    for (auto const& message : page) {
        stored.insert(message["id"]);
        EXPECT_TRUE(message["state"] == "delivered" || !message["error"].is_null()) << message.dump();
    }
    for (auto const& id : accepted)
        EXPECT_TRUE(stored.contains(id)) << "acknowledged message " << id << " was lost";
    auto counts = deliveries_by_destination(simulator().messages());
    for (auto const& [destination, count] : counts)
        EXPECT_EQ(count, 1) << destination << " reached Plivo " << count << " times";
    EXPECT_GE(stored.size(), accepted.size());
}

MMSGATE_ON_EVERY_BACKEND(LifecycleTest);

}
