#pragma once
// Black-box fixtures: a real Plivo simulator process, a real mmsgate process on an ephemeral
// loopback port, a real database (a fresh SQLite file, or a fresh PostgreSQL database in the suite's
// server: every suite runs once per backend, MMSGATE_ON_EVERY_BACKEND).
#include "support/backend.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace mmsgate::testing {

inline constexpr char kTestSecret[] = "integration-test-secret-0123456789abcdef";
inline constexpr char kSimulatorAuthId[] = "MATESTACCOUNT0000001";
inline constexpr char kSimulatorAuthToken[] = "simulator-test-token";
inline constexpr char kSenderNumber[] = "+14155550100";
inline constexpr char kUserEmail[] = "alice@example.com";
inline constexpr char kUserPassword[] = "correct horse battery";

// How many times `needle` occurs in `text` (a server's output, a stream), overlaps counted.
inline std::size_t occurrences(std::string const& text, std::string const& needle)
{
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++count;
    return count;
}

// A fresh database of the given kind; PostgreSQL databases are dropped afterwards.
class TestDatabase {
public:
    explicit TestDatabase(Backend backend);
    ~TestDatabase();
    [[nodiscard]] std::string const& url() const { return m_url; }
    // Runs SQL directly (seed-database tests and assertions on tables).
    void execute(std::string const& sql) const;
    [[nodiscard]] std::vector<std::vector<std::string>> query(std::string const& sql) const;

private:
    Backend m_backend;
    TemporaryDirectory m_directory;
    std::string m_url;
    std::string m_postgres_name;
};

class SimulatorProcess {
public:
    // `callback_retry_ms`: the pauses before each retry of a refused status callback.
    explicit SimulatorProcess(std::vector<std::string> callback_retry_ms = { "300", "1000", "3000" });
    [[nodiscard]] std::string const& base_url() const { return m_server->base_url(); }
    [[nodiscard]] nlohmann::json messages();
    void set_faults(nlohmann::json const& faults);
    // Plivo's account API limits (429 over them) and what they saw: GET/POST /_sim/limits.
    void set_limits(nlohmann::json const& limits);
    [[nodiscard]] nlohmann::json limits();
    void reset();
    [[nodiscard]] ChildProcess& process() { return m_server->process(); }

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_client; // set by start_signed_in
};

class MmsgateTest : public ::testing::TestWithParam<Backend> {
protected:
    // Makes the test's database, then calls prepare() unless the test is skipped.
    void SetUp() override;
    // What every test of a fixture needs first (e.g. start_signed_in()); nothing by default.
    virtual void prepare() { }

    // mmsgate talking to `simulator` (started on first use), on this test's database.
    ServerProcess& start_server(std::map<std::string, std::string> extra = {});
    void stop_server();
    [[nodiscard]] std::map<std::string, std::string> server_environment(std::map<std::string, std::string> extra = {});
    SimulatorProcess& simulator();
    // `mmsgate user add` through the real CLI.
    void add_user(std::string const& email, std::string const& password, bool admin = false);
    // A client logged in as the default user.
    [[nodiscard]] HttpClient logged_in_client();
    // The usual start: the server (with `extra` settings) and the default user...
    void start_with_user(std::map<std::string, std::string> extra = {});
    // ...and m_client logged in as that user.
    void start_signed_in(std::map<std::string, std::string> extra = {});
    // The one-time first-run token from the setup link the server prints while it has no account.
    [[nodiscard]] std::string setup_token();

    std::unique_ptr<TestDatabase> m_database;
    TemporaryDirectory m_data;
    std::unique_ptr<SimulatorProcess> m_simulator;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_client; // set by start_signed_in
};

// How many times each text reached the simulator (a dropped connection without a uuid never did).
[[nodiscard]] std::map<std::string, int> deliveries_by_text(nlohmann::json const& recorded);
// POST /api/send-mms took the message (sent, or stored and pending).
[[nodiscard]] inline bool is_accepted(long status) { return status == 200 || status == 202; }

[[nodiscard]] nlohmann::json send_body(std::string to = "+1 415 555 0111", std::string text = "Hello from mmsgate");

}
