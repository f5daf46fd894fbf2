#include "integration/fixture.hpp"

#include "support/postgres_server.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <sqlite3.h>

namespace mmsgate::testing {

namespace {

// The suite's PostgreSQL server, where each test makes a database of its own.
std::string postgres_admin_url()
{
    auto server = PostgresServer::suite();
    return server ? server->url() : "";
}

std::vector<std::vector<std::string>> run_postgres(std::string const& url, std::string const& sql)
{
    PGconn* connection = PQconnectdb(url.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
        std::string error = PQerrorMessage(connection);
        PQfinish(connection);
        throw std::runtime_error("cannot connect to PostgreSQL: " + error);
    }
    PGresult* result = PQexec(connection, sql.c_str());
    auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string error = PQerrorMessage(connection);
        PQclear(result);
        PQfinish(connection);
        throw std::runtime_error("PostgreSQL: " + error + " in: " + sql);
    }
    std::vector<std::vector<std::string>> rows;
    for (int row = 0; row < PQntuples(result); ++row) {
        std::vector<std::string> values;
        for (int column = 0; column < PQnfields(result); ++column)
            values.emplace_back(PQgetisnull(result, row, column) ? "" : PQgetvalue(result, row, column));
        rows.push_back(std::move(values));
    }
    PQclear(result);
    PQfinish(connection);
    return rows;
}

std::vector<std::vector<std::string>> run_sqlite(std::string const& path, std::string const& sql)
{
    sqlite3* database = nullptr;
    if (sqlite3_open(path.c_str(), &database) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(database, 5000);
    std::vector<std::vector<std::string>> rows;
    char* error = nullptr;
    auto collect = [](void* target, int count, char** values, char**) {
        std::vector<std::string> row;
        for (int i = 0; i < count; ++i)
            row.emplace_back(values[i] ? values[i] : "");
        static_cast<std::vector<std::vector<std::string>>*>(target)->push_back(std::move(row));
        return 0;
    };
    auto status = sqlite3_exec(database, sql.c_str(), collect, &rows, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(database);
    if (status != SQLITE_OK)
        throw std::runtime_error("SQLite: " + message + " in: " + sql);
    return rows;
}

}

TestDatabase::TestDatabase(Backend backend)
    : m_backend(backend)
{
    if (backend == Backend::Sqlite) {
        m_url = (m_directory.path() / "mmsgate.db").string();
        return;
    }
    std::random_device random;
    m_postgres_name = "mmsgate_it_" + std::to_string(getpid()) + "_" + std::to_string(random() % 1000000);
    run_postgres(postgres_admin_url(), "CREATE DATABASE " + m_postgres_name);
    m_url = with_database(postgres_admin_url(), m_postgres_name);
}

TestDatabase::~TestDatabase()
{
    if (m_backend == Backend::Postgres) {
        try {
            run_postgres(postgres_admin_url(), "DROP DATABASE IF EXISTS " + m_postgres_name + " WITH (FORCE)");
        } catch (std::exception const& error) {
            ADD_FAILURE() << "cannot drop the test database: " << error.what();
        }
    }
}

void TestDatabase::execute(std::string const& sql) const { (void)query(sql); }

std::vector<std::vector<std::string>> TestDatabase::query(std::string const& sql) const
{
    return m_backend == Backend::Sqlite ? run_sqlite(m_url, sql) : run_postgres(m_url, sql);
}

SimulatorProcess::SimulatorProcess(std::vector<std::string> callback_retry_ms)
{
    std::vector<std::string> arguments { "plivo-sim", "--listen", "127.0.0.1:0", "--auth-id", kSimulatorAuthId, "--auth-token",
        kSimulatorAuthToken, "--callback-retry-ms" };
    arguments.insert(arguments.end(), callback_retry_ms.begin(), callback_retry_ms.end());
    m_server = std::make_unique<ServerProcess>(arguments, std::map<std::string, std::string> { { "MMSGATE_LOG_LEVEL", "warn" } });
}

nlohmann::json SimulatorProcess::messages()
{
    HttpClient client(base_url());
    return client.get("/_sim/messages").json()["messages"];
}

void SimulatorProcess::set_faults(nlohmann::json const& faults)
{
    HttpClient client(base_url());
    auto reply = client.post_json("/_sim/faults", faults);
    ASSERT_EQ(reply.status, 200) << reply.body;
}

void SimulatorProcess::set_limits(nlohmann::json const& limits)
{
    HttpClient client(base_url());
    auto reply = client.post_json("/_sim/limits", limits);
    ASSERT_EQ(reply.status, 200) << reply.body;
}

nlohmann::json SimulatorProcess::limits()
{
    HttpClient client(base_url());
    auto reply = client.get("/_sim/limits");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return nlohmann::json::parse(reply.body, nullptr, false);
}

void SimulatorProcess::reset()
{
    HttpClient client(base_url());
    (void)client.request("DELETE", "/_sim/messages", "", {});
    (void)client.request("DELETE", "/_sim/faults", "", {});
    (void)client.request("DELETE", "/_sim/limits", "", {});
}

void MmsgateTest::SetUp()
{
    if (GetParam() == Backend::Postgres && postgres_admin_url().empty())
        GTEST_SKIP() << "MMSGATE_TEST_POSTGRES_URL is not set (make test starts a PostgreSQL server and sets it)";
    m_database = std::make_unique<TestDatabase>(GetParam());
    prepare();
}

SimulatorProcess& MmsgateTest::simulator()
{
    if (!m_simulator)
        m_simulator = std::make_unique<SimulatorProcess>();
    return *m_simulator;
}

std::map<std::string, std::string> MmsgateTest::server_environment(std::map<std::string, std::string> extra)
{
    std::map<std::string, std::string> environment {
        { "NEXTAUTH_SECRET", kTestSecret },
        { "MMSGATE_LISTEN", "127.0.0.1:0" },
        { "MMSGATE_DATA_DIR", m_data.path().string() },
        { "DATABASE_URL", m_database->url() },
        { "MMSGATE_BCRYPT_COST", "4" },
        { "MMSGATE_LOG_LEVEL", "info" },
        { "PLIVO_AUTH_ID", kSimulatorAuthId },
        { "PLIVO_AUTH_TOKEN", kSimulatorAuthToken },
        { "PLIVO_SENDER_NUMBER", kSenderNumber },
        { "PLIVO_API_URL", simulator().base_url() },
        { "MMSGATE_PLIVO_TIMEOUT_MS", "5000" },
        { "MMSGATE_SEND_WAIT_MS", "8000" },
    };
    for (auto& [name, value] : extra) {
        if (value.empty())
            environment.erase(name);
        else
            environment[name] = value;
    }
    return environment;
}

ServerProcess& MmsgateTest::start_server(std::map<std::string, std::string> extra)
{
    m_server = std::make_unique<ServerProcess>(std::vector<std::string> { "serve" }, server_environment(std::move(extra)), m_data.path());
    return *m_server;
}

void MmsgateTest::stop_server()
{
    if (!m_server)
        return;
    m_server->process().signal(SIGTERM);
    EXPECT_EQ(m_server->process().wait(), 0) << m_server->process().output();
    m_server.reset();
}

void MmsgateTest::add_user(std::string const& email, std::string const& password, bool admin)
{
    std::vector<std::string> arguments { "user", "add", "--email", email, "--name", "Alice Example", "--password-stdin" };
    if (admin)
        arguments.push_back("--admin");
    auto [status, output] = run_mmsgate(arguments, server_environment(), password + "\n");
    ASSERT_EQ(status, 0) << output;
}

HttpClient MmsgateTest::logged_in_client()
{
    HttpClient client(m_server->base_url());
    auto reply = client.login(kUserEmail, kUserPassword);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return client;
}

void MmsgateTest::start_with_user(std::map<std::string, std::string> extra)
{
    start_server(std::move(extra));
    add_user(kUserEmail, kUserPassword);
}

void MmsgateTest::start_signed_in(std::map<std::string, std::string> extra)
{
    start_with_user(std::move(extra));
    m_client = std::make_unique<HttpClient>(logged_in_client());
}

std::string MmsgateTest::setup_token()
{
    constexpr std::string_view marker = "/setup?token=";
    EXPECT_TRUE(m_server->process().wait_for_output(std::string(marker))) << m_server->process().output();
    auto output = m_server->process().output();
    auto start = output.find(marker);
    if (start == std::string::npos)
        return {};
    start += marker.size();
    auto end = output.find_first_not_of("0123456789abcdef", start);
    return output.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

nlohmann::json send_body(std::string to, std::string text)
{
    return { { "to", std::move(to) }, { "text", std::move(text) }, { "mediaUrl", "https://media.example.com/cat.jpg" } };
}

std::map<std::string, int> deliveries_by_text(nlohmann::json const& recorded)
{
    std::map<std::string, int> counts;
    for (auto const& entry : recorded) {
        if (entry.value("connection_dropped", false) && entry["message_uuid"].empty())
            continue;
        counts[entry["request"]["text"].get<std::string>()]++;
    }
    return counts;
}

}
