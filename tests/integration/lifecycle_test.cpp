// The message lifecycle through the real binary: delivery reports, idempotency, ambiguous
// outcomes, outages and crashes. The simulator's record is the judge of "exactly once".
#include "integration/fixture.hpp"

#include "plivo/signature.hpp"

#include <functional>
#include <future>
#include <iostream>
#include <set>
#include <thread>

namespace mmsgate::testing {

namespace {

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

// Fast retries, so that delivery right after an outage does not wait for a long backoff; and no
// per-address connection cap: the crash test holds 1,000 connections from this one client.
std::map<std::string, std::string> const kLifecycleSettings { { "MMSGATE_RETRY_DEADLINE_S", "120" },
    { "MMSGATE_RECONCILE_AFTER_S", "3" }, { "MMSGATE_RETRY_FIRST_DELAY_MS", "200" },
    { "MMSGATE_RETRY_LONGEST_DELAY_MS", "1000" }, { "MMSGATE_DISPATCH_LEASE_MS", "20000" },
    { "MMSGATE_MAX_CONNECTIONS_PER_ADDRESS", "0" } };

class LifecycleTest : public MmsgateTest {
protected:
    void prepare() override { start_signed_in(kLifecycleSettings); }

    std::string state_of(std::string const& id)
    {
        return m_client->get("/api/messages/" + id).json()["message"].value("state", "");
    }

    // `count` sends at once, each on its own connection with m_client's session.
    std::vector<std::future<HttpReply>> send_at_once(
        int count, std::function<nlohmann::json(int)> body_of, std::vector<std::string> headers = {})
    {
        std::vector<std::future<HttpReply>> sends;
        for (int i = 0; i < count; ++i) {
            sends.push_back(std::async(std::launch::async, [this, i, body_of, headers] {
                HttpClient client(m_server->base_url());
                client.cookies() = m_client->cookies();
                return client.post_json("/api/send-mms", body_of(i), headers);
            }));
        }
        return sends;
    }

    // The only scalar of a query on the test's database.
    long long count(std::string const& sql) { return std::stoll(m_database->query(sql).at(0).at(0)); }
};

TEST_P(LifecycleTest, DeliveryReportsMoveTheMessageToDelivered)
{
    auto reply = m_client->post_json("/api/send-mms", send_body());
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto id = reply.json()["id"].get<std::string>();
    ASSERT_TRUE(eventually([&] { return state_of(id) == "delivered"; })) << state_of(id);
    auto detail = m_client->get("/api/messages/" + id).json();
    // The dispatcher records "queued" when Plivo answers; Plivo's own reports follow. Its "queued"
    // report may arrive before that answer is stored: it is then kept and dated when it arrived, so
    // it sits on either side of the dispatcher's: compare the timeline without it.
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
    // Its replay is refused: every nonce is accepted once (issue 12).
    auto replayed = plivo.post_form("/api/plivo/status", form,
        { "X-Plivo-Signature-V3: " + good, "X-Plivo-Signature-V3-Nonce: " + nonce });
    EXPECT_EQ(replayed.status, 403) << replayed.body;

    // V2 (no V3 headers at all) signs the URL and nonce only: on the plain URL its body is only a
    // hint, confirmed with Plivo (which says delivered), so the forged "failed" changes nothing.
    auto v2 = compute_signature_v2(kSimulatorAuthToken, url, "12345");
    EXPECT_EQ(plivo.post_form("/api/plivo/status", form, { "X-Plivo-Signature-V2: " + v2, "X-Plivo-Signature-V2-Nonce: 12345" }).status,
        200);
    EXPECT_EQ(state_of(id), "delivered");
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

TEST_P(LifecycleTest, ReportsBeforePlivosAnswerAreRecordedAtOnce)
{
    // This Plivo reports every state at once but answers the send a second later, and retries a
    // refused report only after ten minutes: what counts here is recorded on first arrival.
    stop_server();
    m_simulator = std::make_unique<SimulatorProcess>(std::vector<std::string> { "600000" });
    start_server(kLifecycleSettings);
    m_client = std::make_unique<HttpClient>(logged_in_client());
    simulator().set_faults({ { "latency_ms", 1000 }, { "callback_delay_ms", 0 } });
    constexpr int kSends = 5;
    auto sends = send_at_once(kSends, [](int i) { return send_body("+1 415 555 " + std::to_string(6000 + i)); });
    for (auto& send : sends) {
        auto reply = send.get();
        ASSERT_EQ(reply.status, 200) << reply.body;
        auto id = reply.json()["id"].get<std::string>();
        EXPECT_TRUE(eventually([&] { return state_of(id) == "delivered"; }, std::chrono::seconds(5))) << state_of(id);
        auto events = m_client->get("/api/messages/" + id).json()["events"];
        // Each report names its attempt in its URL, so it gives the message its uuid on arrival.
        std::set<std::string> early;
        for (auto const& event : events) {
            if (event["source"] == "callback")
                early.insert(event["state"].get<std::string>());
        }
        EXPECT_EQ(early, (std::set<std::string> { "queued", "sent", "delivered" })) << events.dump();
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM mmsgate_early_report"), 0);
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
    auto racing = send_at_once(8, [](int) { return send_body("+1 415 555 0777"); }, { "Idempotency-Key: double-click" });
    for (auto& reply : racing) {
        auto value = reply.get().status;
        EXPECT_TRUE(value == 200 || value == 202) << value;
    }
    EXPECT_EQ(simulator().messages().size(), 2u);
}

TEST_P(LifecycleTest, ABacklogBeyondTheSendWaitIsAnsweredPendingAtOnceAndSentLater)
{
    // One Plivo request per 2 s, and a send waits up to 3 s for Plivo's answer.
    stop_server();
    auto settings = kLifecycleSettings;
    settings["MMSGATE_PLIVO_RATE_LIMIT"] = "1";
    settings["MMSGATE_PLIVO_RATE_WINDOW_MS"] = "2000";
    settings["MMSGATE_SEND_WAIT_MS"] = "3000";
    auto& server = start_server(settings);
    auto send = [&](std::string to) {
        HttpClient client(server.base_url());
        client.cookies() = m_client->cookies();
        return client.post_json("/api/send-mms", send_body(std::move(to)));
    };
    // The first takes the window's only slot; the second waits for the next window (in time for its answer).
    EXPECT_EQ(send("+1 415 555 0701").status, 200);
    auto second = std::async(std::launch::async, [&] { return send("+1 415 555 0702"); });
    HttpClient metrics(server.base_url());
    ASSERT_TRUE(eventually([&] {
        return metrics.get("/metrics").body.find("mmsgate_plivo_requests_waiting 1\n") != std::string::npos;
    }, std::chrono::seconds(10)));
    // A third would wait two windows (4 s): longer than the send wait, so it is stored for the
    // dispatcher's loop and answered "pending" without waiting.
    auto started = std::chrono::steady_clock::now();
    auto third = send("+1 415 555 0703");
    auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(third.status, 202) << third.body;
    EXPECT_EQ(nlohmann::json::parse(third.body).value("status", ""), "pending") << third.body;
    EXPECT_LT(waited, std::chrono::milliseconds(2500)) << "the third send waited for the send wait";
    EXPECT_EQ(second.get().status, 200);
    ASSERT_TRUE(eventually([&] { return simulator().messages().size() == 3; }, std::chrono::seconds(15)));
    auto counts = deliveries_by_destination(simulator().messages());
    for (auto const* number : { "14155550701", "14155550702", "14155550703" }) // Plivo numbers go without "+"
        EXPECT_EQ(counts[number], 1) << number;
}

TEST_P(LifecycleTest, AmbiguousOutcomeIsLookedUpNotResent)
{
    simulator().set_faults({ { "drop_after_read", true }, { "drop_count", 1 } });
    auto reply = m_client->post_json("/api/send-mms", send_body());
    EXPECT_EQ(reply.status, 202) << reply.body;
    EXPECT_EQ(reply.json()["status"], "checking") << reply.body;
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
    // 20 s of outage: 10 s of 503, then 10 s in which Plivo takes each message but the connection
    // drops before the answer. One message a second is sent throughout.
    constexpr auto kOutage = std::chrono::seconds(20);
    auto began = std::chrono::steady_clock::now();
    simulator().set_faults({ { "status", 503 } });
    bool dropping = false;
    std::vector<std::string> ids;
    for (int i = 0; std::chrono::steady_clock::now() - began < kOutage; ++i) {
        if (!dropping && std::chrono::steady_clock::now() - began >= kOutage / 2) {
            simulator().set_faults({ { "drop_after_read", true } });
            dropping = true;
        }
        auto reply = m_client->post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(3000 + i)));
        EXPECT_EQ(reply.status, 202) << reply.body; // stored: retrying, checking or pending
        ids.push_back(reply.json()["id"]);
        std::this_thread::sleep_until(began + std::chrono::seconds(i + 1));
    }
    simulator().set_faults(nlohmann::json::object());
    auto recovered = std::chrono::steady_clock::now();
    ASSERT_TRUE(eventually(
        [&] {
            for (auto const& id : ids) {
                if (state_of(id) != "delivered")
                    return false;
            }
            return true;
        },
        std::chrono::seconds(60)));
    auto delivery_time = std::chrono::steady_clock::now() - recovered;
    EXPECT_LT(delivery_time, std::chrono::seconds(15));
    auto counts = deliveries_by_destination(simulator().messages());
    EXPECT_EQ(counts.size(), ids.size());
    for (auto const& [destination, count] : counts)
        EXPECT_EQ(count, 1) << destination;
}

TEST_P(LifecycleTest, CrashLosesNothingAndSendsNothingTwice)
{
    // Plivo answers slowly, so that when the server dies every send is stored and most are unanswered:
    // some reached Plivo (their answer is lost), most still wait for a free slot.
    // Plivo's reports are lost too: each names its attempt and would settle the send before the crash.
    constexpr int kSends = 1000;
    simulator().set_faults({ { "latency_ms", 3000 }, { "lose_reports", true } });
    auto sends = send_at_once(kSends, [](int i) { return send_body("+1 415 " + std::to_string(5550000 + i)); });
    auto const kStored = "SELECT COUNT(*) FROM mmsgate_message";
    EXPECT_TRUE(eventually([&] { return count(kStored) == kSends; }, std::chrono::seconds(60))) << count(kStored);
    m_server->process().signal(SIGKILL);
    (void)m_server->process().wait();
    std::set<std::string> acknowledged;
    for (auto& send : sends) {
        auto reply = send.get();
        if (reply.status >= 200 && reply.status < 300)
            acknowledged.insert(reply.json()["id"]);
    }
    auto stored_at_kill = count(kStored);
    auto answered_at_kill = count("SELECT COUNT(*) FROM mmsgate_message WHERE plivo_uuid IS NOT NULL");
    auto reached_plivo_at_kill = simulator().messages().size();
    std::cout << "at the kill: " << stored_at_kill << " stored, " << reached_plivo_at_kill << " at Plivo, "
              << answered_at_kill << " answered\n";
    EXPECT_LT(answered_at_kill * 2, stored_at_kill) << "most sends must be in flight when the server dies";
    EXPECT_GT(reached_plivo_at_kill, std::size_t(answered_at_kill)) << "some answers must be lost in the crash";

    simulator().set_faults(nlohmann::json::object());
    // The same address, so that Plivo's reports (and the callback URL in each message) still reach it.
    auto settings = kLifecycleSettings;
    settings["MMSGATE_LISTEN"] = "127.0.0.1:" + std::to_string(m_server->port());
    auto restarted = std::chrono::steady_clock::now();
    start_server(settings);

    // Every stored message ends delivered (or visibly failed/unknown); none reaches Plivo twice.
    EXPECT_TRUE(eventually([&] { return count("SELECT COUNT(*) FROM mmsgate_message WHERE state IN ('accepted', 'queued', 'sent')") == 0; },
        std::chrono::seconds(240)));
    std::cout << "settled " << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - restarted).count()
              << " s after the restart\n";
    std::map<std::string, std::pair<std::string, std::string>> stored; // recipient digits -> id, uuid
    for (auto const& row : m_database->query("SELECT id, recipient, state, error, plivo_uuid FROM mmsgate_message")) {
        EXPECT_TRUE(row[2] == "delivered" || !row[3].empty()) << row[0] << " ended " << row[2] << " without a reason";
        stored[row[1].substr(1)] = { row[0], row[4] };
    }
    EXPECT_EQ(stored.size(), std::size_t(stored_at_kill));
    std::set<std::string> stored_ids;
    for (auto const& [recipient, message] : stored)
        stored_ids.insert(message.first);
    for (auto const& id : acknowledged)
        EXPECT_TRUE(stored_ids.contains(id)) << "acknowledged message " << id << " was lost";
    // The simulator's record is the judge: each message reached Plivo at most once, and the uuid
    // mmsgate holds is the one Plivo gave it.
    for (auto const& entry : simulator().messages()) {
        if (entry.value("connection_dropped", false) && entry["message_uuid"].empty())
            continue;
        auto destination = entry["request"]["dst"].get<std::string>();
        ASSERT_TRUE(stored.contains(destination)) << destination << " reached Plivo but no message holds it";
        EXPECT_EQ(stored[destination].second, entry["message_uuid"][0]) << destination;
    }
    for (auto const& [destination, times] : deliveries_by_destination(simulator().messages()))
        EXPECT_EQ(times, 1) << destination << " reached Plivo " << times << " times";
}

MMSGATE_ON_EVERY_BACKEND(LifecycleTest);

}
