#pragma once
// The PostgreSQL server a test talks to: the suite's (scripts/test-postgres started it and set
// MMSGATE_TEST_POSTGRES_URL; tests make their own database or schema in it), or a private one of
// the test's own that it may stop and start (outage tests) without disturbing the other tests.
// scripts/test-postgres is the one place that runs initdb and pg_ctl.
#include <memory>
#include <string>
#include <string_view>

namespace mmsgate::testing {

class PostgresServer {
public:
    // The suite's server, or nullptr when MMSGATE_TEST_POSTGRES_URL is unset (the test then skips).
    [[nodiscard]] static std::unique_ptr<PostgresServer> suite();
    // A fresh server in a temporary directory, removed when the object goes; throws when it
    // cannot start.
    [[nodiscard]] static std::unique_ptr<PostgresServer> start_private();

    ~PostgresServer();
    PostgresServer(PostgresServer const&) = delete;
    PostgresServer& operator=(PostgresServer const&) = delete;

    // A superuser URL of the server's test database.
    [[nodiscard]] std::string const& url() const { return m_url; }
    // Private servers only: an immediate shutdown (connections break as in a crash), and a start
    // on the same port with the same data. Both fail the test when they do not succeed.
    void stop() const;
    void start() const;

private:
    PostgresServer() = default;

    std::string m_url;
    // Shell commands printed by scripts/test-postgres; empty for the suite's server, which the
    // script that started it stops.
    std::string m_stop, m_pause, m_resume;
};

// `url` (postgresql://…) with another libpq parameter.
[[nodiscard]] std::string with_url_parameter(std::string const& url, std::string_view parameter);
// The same server as `url`, another database.
[[nodiscard]] std::string with_database(std::string const& url, std::string const& name);

}
