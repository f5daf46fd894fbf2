#include "support/server_process.hpp"

#include "support/build_paths.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <regex>
#include <sys/wait.h>
#include <unistd.h>

namespace mmsgate::testing {

ChildProcess::ChildProcess(ProcessOptions options)
{
    int output_pipe[2];
    int input_pipe[2];
    if (pipe2(output_pipe, O_CLOEXEC) != 0 || pipe2(input_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    std::vector<std::string> arguments { options.program.empty() ? server_binary() : options.program };
    arguments.insert(arguments.end(), options.arguments.begin(), options.arguments.end());
    std::vector<std::string> environment;
    for (auto name : { "PATH", "HOME" }) {
        if (auto const* value = std::getenv(name); value && !options.environment.contains(name))
            environment.push_back(std::string(name) + "=" + value);
    }
    for (auto const& [name, value] : options.environment)
        environment.push_back(name + "=" + value);
    m_pid = fork();
    if (m_pid == 0) {
        dup2(input_pipe[0], STDIN_FILENO);
        dup2(output_pipe[1], STDOUT_FILENO);
        dup2(output_pipe[1], STDERR_FILENO);
        if (!options.working_directory.empty() && chdir(options.working_directory.c_str()) != 0)
            _exit(126);
        std::vector<char*> argv;
        for (auto& argument : arguments)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (auto& variable : environment)
            envp.push_back(variable.data());
        envp.push_back(nullptr);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    close(output_pipe[1]);
    close(input_pipe[0]);
    if (!options.standard_input.empty()) {
        auto written = write(input_pipe[1], options.standard_input.data(), options.standard_input.size());
        (void)written;
    }
    close(input_pipe[1]);
    m_output = output_pipe[0];
    m_reader = std::thread([this] {
        char chunk[4096];
        for (;;) {
            auto count = read(m_output, chunk, sizeof chunk);
            std::lock_guard lock(m_mutex);
            if (count <= 0) {
                m_closed = true;
                m_changed.notify_all();
                return;
            }
            m_buffer.append(chunk, std::size_t(count));
            m_changed.notify_all();
        }
    });
}

ChildProcess::~ChildProcess()
{
    if (!m_reaped) {
        kill(m_pid, SIGKILL);
        (void)wait(std::chrono::seconds(10));
    }
    if (m_reader.joinable())
        m_reader.join();
    close(m_output);
}

bool ChildProcess::wait_for_output(std::string const& text, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_buffer.find(text) != std::string::npos || m_closed; })
        && m_buffer.find(text) != std::string::npos;
}

void ChildProcess::wait_until_output_closed(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] { return m_closed; });
}

std::string ChildProcess::output() const
{
    std::lock_guard lock(m_mutex);
    return m_buffer;
}

void ChildProcess::signal(int signal_number)
{
    if (!m_reaped)
        kill(m_pid, signal_number);
}

int ChildProcess::wait(std::chrono::milliseconds timeout)
{
    if (m_reaped)
        return m_status;
    auto exited = [&] {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) != m_pid)
            return false;
        m_reaped = true;
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        return true;
    };
    return eventually(exited, timeout, std::chrono::milliseconds(10)) ? m_status : -1000;
}

ServerProcess::ServerProcess(std::vector<std::string> arguments, std::map<std::string, std::string> environment,
    std::filesystem::path working_directory, std::string program)
{
    m_process = std::make_unique<ChildProcess>(
        ProcessOptions { std::move(arguments), std::move(environment), std::move(working_directory), {}, std::move(program) });
    if (!m_process->wait_for_output("listening on http://", std::chrono::seconds(30)))
        throw std::runtime_error("the server did not start; its output:\n" + m_process->output());
    // The line is "… listening on http://HOST:PORT …"; the port is what we need.
    std::regex const line("listening on (http://[^ \\n]+):([0-9]+)");
    std::smatch match;
    auto output = m_process->output();
    if (!std::regex_search(output, match, line))
        throw std::runtime_error("no port in the server's output:\n" + output);
    m_port = std::stoi(match[2].str());
    m_base_url = "http://127.0.0.1:" + match[2].str();
}

std::pair<int, std::string> run_mmsgate(
    std::vector<std::string> arguments, std::map<std::string, std::string> environment, std::string standard_input)
{
    ChildProcess process(ProcessOptions { std::move(arguments), std::move(environment), std::filesystem::temp_directory_path(),
        std::move(standard_input), {} });
    auto status = process.wait(std::chrono::seconds(60));
    process.wait_until_output_closed();
    return { status, process.output() };
}

}
