#pragma once
// Server-Sent Events on a connection the server has handed to a stream handler.
#include "core/asio.hpp"

#include <string_view>

namespace mmsgate {

class EventStream {
public:
    explicit EventStream(beast::tcp_stream& stream)
        : m_stream(stream)
    {
    }
    // Sends one event; false once the client has gone away.
    [[nodiscard]] Awaitable<bool> send(std::string_view event, std::string_view data);
    // A comment line keeps proxies from closing an idle stream; false once the client has gone.
    [[nodiscard]] Awaitable<bool> keep_alive();

private:
    [[nodiscard]] Awaitable<bool> write(std::string text);
    beast::tcp_stream& m_stream;
};

}
