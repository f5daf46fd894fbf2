#include "support/postgres_server.hpp"

#include "support/build_paths.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

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

// Runs `command` in bash and returns its standard output; throws when it fails.
std::string shell_output(std::string const& command)
{
    FILE* pipe = popen(("bash -c " + single_quoted(command)).c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run: " + command);
    std::string output;
    char buffer[4096];
    while (auto count = fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, count);
    if (pclose(pipe) != 0)
        throw std::runtime_error("failed: " + command);
    return output;
}

}

std::unique_ptr<PostgresServer> PostgresServer::suite()
{
    char const* url = std::getenv("MMSGATE_TEST_POSTGRES_URL");
    if (!url || !*url)
        return nullptr;
    std::unique_ptr<PostgresServer> server(new PostgresServer());
    server->m_url = url;
    return server;
}

std::unique_ptr<PostgresServer> PostgresServer::start_private()
{
    auto script = source_directory() + "/scripts/test-postgres";
    auto output = shell_output("eval \"$(" + single_quoted(script) + " start)\" && printf '%s\\n' \"$MMSGATE_TEST_POSTGRES_URL\" "
                               "\"$MMSGATE_TEST_PG_STOP\" \"$MMSGATE_TEST_PG_PAUSE\" \"$MMSGATE_TEST_PG_RESUME\"");
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = output.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(output.substr(start, end - start));
    if (lines.size() != 4 || lines[3].empty())
        throw std::runtime_error("scripts/test-postgres printed no PAUSE/RESUME commands: " + output);
    std::unique_ptr<PostgresServer> server(new PostgresServer());
    server->m_url = lines[0];
    server->m_stop = lines[1];
    server->m_pause = lines[2];
    server->m_resume = lines[3];
    return server;
}

PostgresServer::~PostgresServer()
{
    if (!m_stop.empty())
        (void)run_shell(m_stop);
}

void PostgresServer::stop() const
{
    ASSERT_FALSE(m_pause.empty()) << "only a private server may be stopped";
    ASSERT_EQ(run_shell(m_pause), 0);
}

void PostgresServer::start() const
{
    ASSERT_FALSE(m_resume.empty()) << "only a private server may be started";
    // Retried: after an immediate stop, the old server's backends may still hold its shared memory
    // for a moment, and the next start refuses to run until they are gone.
    EXPECT_TRUE(eventually([&] { return run_shell(m_resume) == 0; }, std::chrono::seconds(20)))
        << "PostgreSQL did not start again";
}

std::string with_url_parameter(std::string const& url, std::string_view parameter)
{
    return url + (url.find('?') == std::string::npos ? "?" : "&") + std::string(parameter);
}

std::string with_database(std::string const& url, std::string const& name)
{
    auto slash = url.rfind('/');
    auto query = url.find('?', slash);
    return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

}
