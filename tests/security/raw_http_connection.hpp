#pragma once
// A plain TCP connection to a loopback port for probes that a well-behaved HTTP client cannot
// send: trickled headers, odd Transfer-Encoding, idle connections held open.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mmsgate::testing {

class RawHttpConnection {
public:
    explicit RawHttpConnection(int port)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(std::uint16_t(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_socket < 0 || ::connect(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    ~RawHttpConnection()
    {
        if (m_socket >= 0)
            ::close(m_socket);
    }
    RawHttpConnection(RawHttpConnection const&) = delete;
    RawHttpConnection& operator=(RawHttpConnection const&) = delete;

    // False once the server has closed (or reset) the connection.
    bool send(std::string_view bytes)
    {
        return ::send(m_socket, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }

    // Everything the server sends until it closes the connection or `timeout` passes.
    std::string read_until_closed(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        std::string received;
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!m_closed && std::chrono::steady_clock::now() < deadline)
            read_some(received, deadline);
        return received;
    }

    // True when the server closes the connection within `timeout` (what it sent is dropped).
    bool closed_within(std::chrono::milliseconds timeout)
    {
        (void)read_until_closed(timeout);
        return m_closed;
    }

    [[nodiscard]] bool closed() const { return m_closed; }

private:
    void read_some(std::string& received, std::chrono::steady_clock::time_point deadline)
    {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd descriptor { m_socket, POLLIN, 0 };
        if (::poll(&descriptor, 1, int(std::max<long long>(1, left.count()))) <= 0)
            return;
        char buffer[16384];
        auto count = ::recv(m_socket, buffer, sizeof buffer, 0);
        if (count <= 0)
            m_closed = true;
        else
            received.append(buffer, std::size_t(count));
    }

    int m_socket = -1;
    bool m_closed = false;
};

// How many HTTP responses a byte stream holds (status lines at the start of a line).
inline int count_responses(std::string const& received)
{
    int count = 0;
    for (std::size_t at = received.find("HTTP/1.1 "); at != std::string::npos; at = received.find("\r\nHTTP/1.1 ", at + 1))
        ++count;
    return count;
}

}
