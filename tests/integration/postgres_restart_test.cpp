// A PostgreSQL restart under load (issue #6), on a private server: the shared one serves the
// other tests, which ctest runs in parallel. The simulator's record is the judge of "exactly once".
#include "integration/fixture.hpp"
#include "support/postgres_server.hpp"

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace mmsgate::testing {

class PostgresRestartTest : public MmsgateTest { };

TEST_P(PostgresRestartTest, SendsAreRefusedQuicklyThenResumeAndNothingIsSentTwice)
{
    std::unique_ptr<PostgresServer> postgres;
    ASSERT_NO_THROW(postgres = PostgresServer::start_private());
    // Plivo answers slowly, so the outage also catches sends that Plivo took but that are not yet recorded.
    simulator().set_faults({ { "latency_ms", 300 } });
    start_server({ { "DATABASE_URL", postgres->url() }, { "MMSGATE_DISPATCH_LEASE_MS", "3000" },
        { "MMSGATE_PLIVO_TIMEOUT_MS", "1000" }, { "MMSGATE_PLIVO_CONNECT_TIMEOUT_MS", "500" } });
    auto [status, output] = run_mmsgate({ "user", "add", "--email", kUserEmail, "--password-stdin" },
        server_environment({ { "DATABASE_URL", postgres->url() } }), std::string(kUserPassword) + "\n");
    ASSERT_EQ(status, 0) << output;
    HttpClient client = logged_in_client();

    std::mutex mutex;
    std::map<std::string, long> statuses; // text → answer
    std::atomic<int> counter { 0 };
    auto send = [&](HttpClient& sender) {
        auto i = counter++;
        auto text = "restart send " + std::to_string(i);
        auto started = std::chrono::steady_clock::now();
        auto reply = sender.post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(7000 + i), text));
        auto elapsed = std::chrono::steady_clock::now() - started;
        std::lock_guard lock(mutex);
        statuses[text] = reply.status;
        return std::pair { reply, elapsed };
    };
    ASSERT_EQ(send(client).first.status, 200);

    // A steady trickle of sends throughout, as users would make.
    std::atomic<bool> stopping { false };
    std::thread background([&] {
        HttpClient sender(m_server->base_url());
        sender.cookies() = client.cookies();
        while (!stopping) {
            (void)send(sender);
            // Pacing, not ordering: the trickle's rate is that of a few users.
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    auto answered = [&] {
        std::lock_guard lock(mutex);
        return statuses.size();
    };
    // The outage begins once the trickle is under way (one of its sends answered).
    EXPECT_TRUE(eventually([&] { return answered() >= 2; }, std::chrono::seconds(10), std::chrono::milliseconds(20)));
    postgres->stop();
    for (int i = 0; i < 5; ++i) {
        auto [reply, elapsed] = send(client);
        EXPECT_EQ(reply.status, 503) << reply.body;
        EXPECT_FALSE(reply.json().value("error", "").empty()) << reply.body;
        EXPECT_EQ(reply.json()["stored"], false) << reply.body;
        EXPECT_LT(elapsed, std::chrono::seconds(5));
        // Time is what is tested: the refused sends are spread over an outage of a second or more.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    postgres->start();
    // Service resumes by itself: no restart of mmsgate.
    EXPECT_TRUE(eventually([&] { return send(client).first.status == 200; }, std::chrono::seconds(30)));
    // The trickle gets through again too before it stops.
    auto answered_after_outage = answered();
    EXPECT_TRUE(eventually([&] { return answered() >= answered_after_outage + 2; }, std::chrono::seconds(10), std::chrono::milliseconds(20)));
    stopping = true;
    background.join();

    std::set<std::string> accepted;
    for (auto const& [text, answer] : statuses) {
        EXPECT_TRUE(is_accepted(answer) || answer == 503) << text << ": " << answer;
        if (is_accepted(answer))
            accepted.insert(text);
    }
    ASSERT_TRUE(eventually(
        [&] {
            auto counts = deliveries_by_text(simulator().messages());
            return std::all_of(accepted.begin(), accepted.end(), [&](auto const& text) { return counts[text] >= 1; });
        },
        std::chrono::seconds(30)));
    // Time is what is tested: past the lease (3 s), anything the outage left in dispatch has been
    // looked up by now, and a second send of it would have happened.
    std::this_thread::sleep_for(std::chrono::seconds(4));
    auto counts = deliveries_by_text(simulator().messages());
    for (auto const& [text, answer] : statuses) {
        if (is_accepted(answer))
            EXPECT_EQ(counts[text], 1) << text << " reached Plivo " << counts[text] << " times";
        else
            EXPECT_EQ(counts[text], 0) << text << " was refused with " << answer << " but reached Plivo";
    }
    stop_server();
}

MMSGATE_ON_POSTGRES_ONLY(PostgresRestartTest);

}
