#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 for link preflight tests: each path answers with exactly the
// bytes it was given (no header added), optionally after a pause (a slow host). One thread per
// connection; all joined when it is destroyed.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace mmsgate::testing {

class LinkHost {
public:
    struct Answer {
        std::string raw; // status line, headers and body, as sent
        std::chrono::milliseconds pause { 0 };
    };
    explicit LinkHost(std::map<std::string, Answer> answers);
    ~LinkHost();
    LinkHost(LinkHost const&) = delete;
    LinkHost& operator=(LinkHost const&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] std::string url(std::string const& path) const;
    // How many requests reached it.
    [[nodiscard]] int requests() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// "HTTP/1.1 200 OK" with the given headers and body (Connection: close is added).
[[nodiscard]] std::string http_answer(std::string const& status_line, std::string const& headers, std::string const& body);

}
