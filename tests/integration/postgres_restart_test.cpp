// A PostgreSQL restart under load (issue #6), on a private server: the shared one serves the
// other tests, which ctest runs in parallel. The simulator's record is the judge of "exactly once".
#include "integration/fixture.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

namespace mmsgate::testing {

namespace {

std::string single_quoted(std::string const& text)
{
    std::string quoted = "'";
    for (char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

int run_shell(std::string const& command) { return std::system(("bash -c " + single_quoted(command)).c_str()); }

// A PostgreSQL server of this test's own (scripts/test-postgres), which it may stop and start
// without disturbing the shared one the other tests use.
class PrivatePostgres {
public:
    PrivatePostgres()
    {
        auto script = std::string(MMSGATE_SOURCE_DIR) + "/scripts/test-postgres";
        auto command = "eval \"$(" + single_quoted(script) + " start)\" && printf '%s\\n' \"$MMSGATE_TEST_POSTGRES_URL\" "
                       "\"$MMSGATE_TEST_PG_STOP\" \"$MMSGATE_TEST_PG_PAUSE\" \"$MMSGATE_TEST_PG_RESUME\"";
        FILE* pipe = popen(("bash -c " + single_quoted(command)).c_str(), "r");
        if (!pipe)
            throw std::runtime_error("cannot run scripts/test-postgres");
        std::string output;
        char buffer[4096];
        while (auto count = fread(buffer, 1, sizeof buffer, pipe))
            output.append(buffer, count);
        if (pclose(pipe) != 0)
            throw std::runtime_error("scripts/test-postgres start failed");
        std::vector<std::string> lines;
        for (std::size_t start = 0, end; (end = output.find('\n', start)) != std::string::npos; start = end + 1)
            lines.push_back(output.substr(start, end - start));
        if (lines.size() != 4 || lines[3].empty())
            throw std::runtime_error("scripts/test-postgres printed no PAUSE/RESUME commands: " + output);
        m_url = lines[0];
        m_stop = lines[1];
        m_pause = lines[2];
        m_resume = lines[3];
    }
    ~PrivatePostgres() { (void)run_shell(m_stop); }
    PrivatePostgres(PrivatePostgres const&) = delete;
    PrivatePostgres& operator=(PrivatePostgres const&) = delete;

    [[nodiscard]] std::string const& url() const { return m_url; }
    // An immediate shutdown: connections break as in a crash.
    void stop() const { ASSERT_EQ(run_shell(m_pause), 0); }
    // Retried: after an immediate stop, the old server's backends may still hold its shared memory
    // for a moment, and the next start refuses to run until they are gone.
    void start() const
    {
        EXPECT_TRUE(eventually([&] { return run_shell(m_resume) == 0; }, std::chrono::seconds(20)))
            << "PostgreSQL did not start again";
    }

private:
    std::string m_url, m_stop, m_pause, m_resume;
};

}

class PostgresRestartTest : public MmsgateTest { };

TEST_P(PostgresRestartTest, SendsAreRefusedQuicklyThenResumeAndNothingIsSentTwice)
{
    std::unique_ptr<PrivatePostgres> postgres;
    ASSERT_NO_THROW(postgres = std::make_unique<PrivatePostgres>());
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
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    postgres->stop();
    for (int i = 0; i < 5; ++i) {
        auto [reply, elapsed] = send(client);
        EXPECT_EQ(reply.status, 503) << reply.body;
        EXPECT_FALSE(reply.json().value("error", "").empty()) << reply.body;
        EXPECT_EQ(reply.json()["stored"], false) << reply.body;
        EXPECT_LT(elapsed, std::chrono::seconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    postgres->start();
    // Service resumes by itself: no restart of mmsgate.
    EXPECT_TRUE(eventually([&] { return send(client).first.status == 200; }, std::chrono::seconds(30)));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
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
    // Past the lease: anything the outage left in dispatch has been looked up by now.
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

INSTANTIATE_TEST_SUITE_P(Backends, PostgresRestartTest, ::testing::Values(Backend::Postgres),
    [](::testing::TestParamInfo<Backend> const& info) { return to_string(info.param); });

}
