#include "integration/link_host.hpp"

#include "core/asio.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace mmsgate::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

struct LinkHost::State {
    std::map<std::string, Answer> answers;
    asio::io_context io;
    tcp::acceptor acceptor { io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0) };
    std::atomic<bool> stopping { false };
    std::mutex stopping_mutex;
    std::condition_variable stopped; // ends the pauses of slow answers
    std::atomic<int> requests { 0 };
    std::mutex mutex;
    std::vector<std::thread> connections;
    std::thread acceptor_thread;

    void serve(tcp::socket socket)
    {
        boost::system::error_code error;
        std::string request;
        char buffer[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
            auto read = socket.read_some(asio::buffer(buffer), error);
            if (error)
                return;
            request.append(buffer, read);
        }
        ++requests;
        auto first_space = request.find(' ');
        auto path = request.substr(first_space + 1, request.find(' ', first_space + 1) - first_space - 1);
        auto found = answers.find(path);
        Answer answer = found != answers.end() ? found->second : Answer { http_answer("HTTP/1.1 404 Not Found", "", "") };
        // A slow host: the pause ends early when the host is torn down.
        {
            std::unique_lock lock(stopping_mutex);
            stopped.wait_for(lock, answer.pause, [this] { return stopping.load(); });
        }
        asio::write(socket, asio::buffer(answer.raw), error);
        socket.shutdown(tcp::socket::shutdown_both, error);
    }
};

LinkHost::LinkHost(std::map<std::string, Answer> answers)
    : m_state(std::make_unique<State>())
{
    m_state->answers = std::move(answers);
    m_state->acceptor_thread = std::thread([state = m_state.get()] {
        while (!state->stopping) {
            boost::system::error_code error;
            tcp::socket socket(state->io);
            state->acceptor.accept(socket, error);
            if (error || state->stopping)
                return;
            std::lock_guard lock(state->mutex);
            state->connections.emplace_back([state, socket = std::move(socket)]() mutable { state->serve(std::move(socket)); });
        }
    });
}

LinkHost::~LinkHost()
{
    {
        std::lock_guard lock(m_state->stopping_mutex);
        m_state->stopping = true;
    }
    m_state->stopped.notify_all();
    boost::system::error_code error;
    // Wakes the blocking accept.
    tcp::socket poke(m_state->io);
    poke.connect(m_state->acceptor.local_endpoint(), error);
    m_state->acceptor_thread.join();
    std::lock_guard lock(m_state->mutex);
    for (auto& connection : m_state->connections)
        connection.join();
}

std::uint16_t LinkHost::port() const { return m_state->acceptor.local_endpoint().port(); }

std::string LinkHost::url(std::string const& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

int LinkHost::requests() const { return m_state->requests; }

std::string http_answer(std::string const& status_line, std::string const& headers, std::string const& body)
{
    return status_line + "\r\n" + headers + "Connection: close\r\n\r\n" + body;
}

}
