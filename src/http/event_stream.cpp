#include "http/event_stream.hpp"

namespace mmsgate {

Awaitable<bool> EventStream::send(std::string_view event, std::string_view data)
{
    std::string text;
    text.reserve(data.size() + event.size() + 16);
    if (!event.empty()) {
        text += "event: ";
        text += event;
        text += '\n';
    }
    // A data field may not contain a newline: each line becomes its own data line.
    std::size_t start = 0;
    while (start <= data.size()) {
        auto end = data.find('\n', start);
        text += "data: ";
        text += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        text += '\n';
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    text += '\n';
    co_return co_await write(std::move(text));
}

Awaitable<bool> EventStream::keep_alive() { return write(": keep-alive\n\n"); }

Awaitable<bool> EventStream::write(std::string text)
{
    boost::system::error_code error;
    m_stream.expires_after(std::chrono::seconds(30));
    co_await net::async_write(m_stream, net::buffer(text), net::redirect_error(net::use_awaitable, error));
    co_return !error;
}

}
