#pragma once
// Runs the real mmsgate binary (serve, plivo-sim, user …) as a child process on an ephemeral
// loopback port, for black-box tests over real HTTP.
#include "support/temporary_directory.hpp"

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mmsgate::testing {

struct ProcessOptions {
    std::vector<std::string> arguments; // after the binary, e.g. {"serve"}
    std::map<std::string, std::string> environment; // the child sees only these (plus PATH and HOME)
    std::filesystem::path working_directory;
    std::string standard_input; // written to the child's stdin, which is then closed
    // Another program than mmsgate, as an absolute path ("/usr/bin/env" to find node on PATH).
    std::string program = {};
};

class ChildProcess {
public:
    explicit ChildProcess(ProcessOptions options);
    ~ChildProcess(); // SIGKILL if still running
    ChildProcess(ChildProcess const&) = delete;
    ChildProcess& operator=(ChildProcess const&) = delete;

    // Waits until the combined output contains `text`; false on timeout or exit.
    [[nodiscard]] bool wait_for_output(std::string const& text, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    [[nodiscard]] std::string output() const;
    // After exit: waits until everything the child wrote has been read.
    void wait_until_output_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    void signal(int signal_number);
    // The exit status (WEXITSTATUS), or -signal when killed; -1000 on timeout.
    [[nodiscard]] int wait(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    [[nodiscard]] pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_output = -1;
    std::thread m_reader;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::string m_buffer;
    bool m_closed = false;
    bool m_reaped = false;
    int m_status = 0;
};

// `mmsgate serve` (or `plivo-sim`) with its port parsed from the "listening on" log line.
class ServerProcess {
public:
    ServerProcess(std::vector<std::string> arguments, std::map<std::string, std::string> environment,
        std::filesystem::path working_directory = std::filesystem::temp_directory_path(), std::string program = {});
    [[nodiscard]] std::string const& base_url() const { return m_base_url; }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] ChildProcess& process() { return *m_process; }

private:
    std::unique_ptr<ChildProcess> m_process;
    std::string m_base_url;
    int m_port = 0;
};

// Runs the binary to completion (CLI commands); returns {exit status, output}.
[[nodiscard]] std::pair<int, std::string> run_mmsgate(std::vector<std::string> arguments,
    std::map<std::string, std::string> environment, std::string standard_input = {});

}
