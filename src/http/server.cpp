#include "http/server.hpp"

#include "core/random.hpp"
#include "http/client_address.hpp"
#include "http/response.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace mmsgate {

namespace {

using Clock = std::chrono::steady_clock;

std::string new_request_id() { return random_hex(8); }

Response body_too_large(std::uint64_t limit)
{
    return error_response(ProtocolError::PayloadTooLarge, "Request body is larger than " + std::to_string(limit) + " bytes");
}

// RFC 9112 6.1 and 6.3: the only transfer coding a request may use here is chunked, alone, once,
// without Content-Length, in HTTP/1.1. Anything else ("gzip", "chunked, gzip", "identity",
// duplicates) is a length the server cannot determine the way every proxy in front would.
bool has_acceptable_transfer_encoding(RequestMessage const& header)
{
    auto count = header.count(http::field::transfer_encoding);
    if (count == 0)
        return true;
    // Transfer codings are case-insensitive (RFC 9112 7): "Chunked" is chunked.
    return count == 1 && beast::iequals(header[http::field::transfer_encoding], "chunked") && header.version() == 11
        && header.count(http::field::content_length) == 0;
}

// A header value for a log line: printable ASCII only, at most 100 characters.
std::string printable(std::string_view value)
{
    std::string out;
    for (char c : value.substr(0, 100))
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return out;
}

}

Server::Server(net::io_context& io, HttpSettings settings, std::shared_ptr<Router const> router)
    : m_io(io)
    , m_settings(std::move(settings))
    , m_router(std::move(router))
    , m_acceptor(io)
{
}

Result<net::ip::tcp::endpoint> Server::bind()
{
    boost::system::error_code error;
    auto address = net::ip::make_address(m_settings.listen_host, error);
    if (error)
        return fail(ErrorCode::InvalidArgument, "MMSGATE_LISTEN: '" + m_settings.listen_host + "' is not an IP address");
    net::ip::tcp::endpoint endpoint(address, m_settings.listen_port);
    m_acceptor.open(endpoint.protocol(), error);
    if (!error)
        m_acceptor.set_option(net::socket_base::reuse_address(true), error);
    if (!error)
        m_acceptor.bind(endpoint, error);
    if (!error)
        m_acceptor.listen(net::socket_base::max_listen_connections, error);
    if (error)
        return fail(ErrorCode::Unavailable,
            "cannot listen on " + m_settings.listen_host + ":" + std::to_string(m_settings.listen_port) + ": "
                + error.message());
    return m_acceptor.local_endpoint();
}

void Server::start()
{
    net::co_spawn(m_io, [self = shared_from_this()] { return self->accept_loop(); }, net::detached);
}

void Server::stop(std::function<void()> on_drained)
{
    net::post(m_io, [self = shared_from_this(), on_drained = std::move(on_drained)]() mutable {
        self->m_on_drained = std::move(on_drained);
        self->m_stopping = true;
        boost::system::error_code ignored;
        self->m_acceptor.close(ignored);
        auto timer = std::make_shared<net::steady_timer>(self->m_io, self->m_settings.shutdown_deadline);
        timer->async_wait([self, timer](boost::system::error_code) {
            if (self->m_requests_in_flight > 0)
                spdlog::warn("shutdown deadline passed with {} request(s) still in flight", self->m_requests_in_flight.load());
            if (!self->m_drained_called.exchange(true) && self->m_on_drained)
                self->m_on_drained();
        });
        self->finish_if_drained();
    });
}

void Server::finish_if_drained()
{
    if (m_stopping && m_requests_in_flight == 0 && !m_drained_called.exchange(true) && m_on_drained)
        net::post(m_io, m_on_drained);
}

Awaitable<void> Server::accept_loop()
{
    while (!m_stopping) {
        boost::system::error_code error;
        auto socket = co_await m_acceptor.async_accept(net::make_strand(m_io), net::redirect_error(net::use_awaitable, error));
        if (error) {
            if (m_stopping || error == net::error::operation_aborted)
                break;
            // Running out of file descriptors must not end the accept loop: pause and try again.
            spdlog::warn("accept failed: {}", error.message());
            net::steady_timer pause(m_io, std::chrono::milliseconds(50));
            co_await pause.async_wait(net::redirect_error(net::use_awaitable, error));
            continue;
        }
        boost::system::error_code ignored;
        if (m_open_connections.load() >= m_settings.max_connections) {
            spdlog::warn("connection limit ({}) reached: refusing a connection", m_settings.max_connections);
            socket.close(ignored);
            continue;
        }
        auto peer = socket.remote_endpoint(ignored).address();
        if (!take_address_slot(peer)) {
            spdlog::warn("{} holds {} connections (MMSGATE_MAX_CONNECTIONS_PER_ADDRESS): refusing another",
                address_group(peer), m_settings.max_connections_per_address);
            socket.close(ignored);
            continue;
        }
        auto executor = socket.get_executor();
        net::co_spawn(executor, [self = shared_from_this(), socket = std::move(socket), peer]() mutable {
            return self->run_session(std::move(socket), peer);
        }, net::detached);
    }
}

bool Server::take_address_slot(net::ip::address const& peer)
{
    // Loopback is limited too: a reverse proxy on this host carries every client from one address,
    // so such a set-up raises the limit or turns it off (docs/operations.md).
    if (m_settings.max_connections_per_address <= 0)
        return true;
    std::lock_guard lock(m_connections_by_address_mutex);
    auto& count = m_connections_by_address[address_group(peer)];
    if (count >= m_settings.max_connections_per_address)
        return false;
    ++count;
    return true;
}

void Server::release_address_slot(net::ip::address const& peer)
{
    if (m_settings.max_connections_per_address <= 0)
        return;
    std::lock_guard lock(m_connections_by_address_mutex);
    auto found = m_connections_by_address.find(address_group(peer));
    if (found != m_connections_by_address.end() && --found->second <= 0)
        m_connections_by_address.erase(found);
}

Awaitable<void> Server::run_session(net::ip::tcp::socket socket, net::ip::address peer)
{
    ++m_open_connections;
    // Whatever ends the session, an exception of any type included, gives its slots back.
    struct OpenConnection {
        Server& server;
        net::ip::address const& peer;
        ~OpenConnection()
        {
            server.release_address_slot(peer);
            --server.m_open_connections;
        }
    } open_connection { *this, peer };
    boost::system::error_code ignored;
    socket.set_option(net::ip::tcp::no_delay(true), ignored);
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    try {
        while (!m_stopping && co_await serve_one(stream, buffer, peer)) { }
    } catch (boost::system::system_error const& error) {
        spdlog::debug("connection from {} ended: {}", peer.to_string(), error.code().message());
    }
    // Half-close so the client sees a clean end of stream rather than a reset.
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream.close();
}

namespace {

// A request refused before its body was read may still be arriving. Closing a socket with unread
// input makes the kernel send a reset, which can destroy the answer before the client has read it
// (its upload then fails instead of showing the 413). So: stop sending, then read and drop what
// still arrives, for a moment and up to a bound (nginx's "lingering close").
Awaitable<void> linger_before_close(beast::tcp_stream& stream)
{
    boost::system::error_code error;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, error);
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16384> sink {};
    std::size_t drained = 0;
    while (!error && drained < 8 * 1024 * 1024)
        drained += co_await stream.async_read_some(net::buffer(sink), net::redirect_error(net::use_awaitable, error));
}

}

Awaitable<bool> Server::serve_one(beast::tcp_stream& stream, beast::flat_buffer& buffer, net::ip::address peer)
{
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(m_settings.max_header_bytes));
    // The largest limit of any path until the header names the path (Beast checks Content-Length
    // against the limit while it reads the header); then the path's own.
    auto body_limit = m_settings.max_body_bytes;
    for (auto const& [path, bytes] : m_settings.larger_bodies)
        body_limit = std::max(body_limit, bytes);
    parser.body_limit(body_limit);

    // A connection waits for a request's first byte for the idle timeout; from that byte on, the
    // whole header must arrive within the header timeout (a client trickling one byte at a time
    // must not hold the connection any longer).
    boost::system::error_code error;
    if (buffer.size() == 0) {
        stream.expires_after(m_settings.idle_timeout);
        auto received = co_await stream.async_read_some(buffer.prepare(4096), net::redirect_error(net::use_awaitable, error));
        if (error)
            co_return false;
        buffer.commit(received);
    }
    stream.expires_after(m_settings.header_timeout);
    co_await http::async_read_header(stream, buffer, parser, net::redirect_error(net::use_awaitable, error));
    if (error == http::error::end_of_stream || error == beast::error::timeout || error == net::error::eof
        || error == net::error::connection_reset || error == net::error::operation_aborted)
        co_return false;

    auto started = Clock::now();
    ++m_requests_in_flight;
    struct InFlight {
        Server& server;
        ~InFlight()
        {
            --server.m_requests_in_flight;
            server.finish_if_drained();
        }
    } in_flight { *this };

    Request request;
    request.request_id = new_request_id();
    request.peer = peer;
    request.client = peer;
    request.proxy_declared = !m_settings.trusted_proxies.empty();
    Response response;
    bool close_after = false;
    bool input_left_unread = false;
    Router::Match match;

    if (error == http::error::body_limit) {
        // Beast checks Content-Length against the body limit while reading the header.
        response = body_too_large(body_limit);
        close_after = input_left_unread = true;
    } else if (error == http::error::header_limit) {
        response = error_response(ProtocolError::HeadersTooLarge, "Request headers are too large");
        close_after = input_left_unread = true;
    } else if (error) {
        response = error_response(ErrorCode::InvalidArgument, "Malformed HTTP request");
        close_after = input_left_unread = true;
    } else {
        auto& header = parser.get();
        auto target = std::string_view(header.target().data(), header.target().size());
        target = target.substr(0, target.find('?'));
        body_limit = m_settings.max_body_bytes;
        for (auto const& [path, bytes] : m_settings.larger_bodies) {
            if (target == path)
                body_limit = bytes;
        }
        parser.body_limit(body_limit);
        if (!has_acceptable_transfer_encoding(header)) {
            // RFC 9112 6.3: a body whose length cannot be determined is a bad request, and the
            // connection must close (what follows cannot be told apart from a next request).
            response = error_response(ErrorCode::InvalidArgument, "Transfer-Encoding must be exactly \"chunked\"");
            close_after = input_left_unread = true;
        } else if (header.has_content_length() && parser.content_length() && *parser.content_length() > body_limit) {
            response = body_too_large(body_limit);
            close_after = input_left_unread = true;
        } else {
            if (beast::iequals(header[http::field::expect], "100-continue")) {
                http::response<http::empty_body> go_on { http::status::continue_, 11 };
                co_await http::async_write(stream, go_on, net::use_awaitable);
            }
            stream.expires_after(m_settings.body_timeout);
            co_await http::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, error));
            if (error == http::error::body_limit) {
                response = body_too_large(body_limit);
                close_after = input_left_unread = true;
            } else if (error == beast::error::timeout) {
                response = error_response(ProtocolError::RequestTimeout, "Request body was not received in time");
                close_after = true;
            } else if (error) {
                co_return false;
            } else {
                request.message = parser.release();
                request.client = client_address(peer, request.message, m_settings.trusted_proxies);
                if (m_security.host_guard && !m_security.host_guard->allows(request)) {
                    spdlog::warn("refused a request for another host (Host: {}) from {} id={}",
                        printable(request.header(http::field::host)), request.client.to_string(), request.request_id);
                    response = error_response(ProtocolError::MisdirectedRequest,
                        "This server does not serve that host name; use the site's address");
                } else {
                    auto path = std::string(request.path());
                    match = m_router->match(request.message.method(), path, request);
                    response = co_await dispatch(request, match);
                    if (request.drop_connection)
                        co_return false;
                }
                close_after = !request.message.keep_alive();
            }
        }
    }

    if (match.stream && response.result() == http::status::ok) {
        // Server-Sent Events: send the head without a length, then let the handler write events.
        http::response<http::empty_body> head { http::status::ok, 11 };
        head.set(http::field::content_type, "text/event-stream");
        head.set(http::field::cache_control, "no-cache");
        head.set("X-Accel-Buffering", "no");
        add_security_headers(head);
        head.keep_alive(false);
        stream.expires_never();
        co_await http::async_write(stream, head, net::use_awaitable);
        // A long-lived stream must not hold up a graceful stop: it leaves the in-flight count for
        // its lifetime (InFlight's decrement at the end is balanced however the stream ends).
        --m_requests_in_flight;
        finish_if_drained();
        struct StreamOpen {
            Server& server;
            ~StreamOpen() { ++server.m_requests_in_flight; }
        } stream_open { *this };
        EventStream events(stream);
        co_await (*match.stream)(request, events);
        co_return false;
    }

    if (auto unsafe = find_unsafe_header(response)) {
        // A last guard: the value came from input no check caught. Never write it.
        spdlog::error("refused to send header {} with CR, LF or NUL in its value id={}", *unsafe, request.request_id);
        response = error_response(ErrorCode::Internal, kInternalError);
    }
    add_security_headers(response);
    response.set("X-Request-Id", request.request_id);
    response.keep_alive(!close_after && !m_stopping);
    auto status = response.result_int();
    bool head_only = request.message.method() == http::verb::head;
    stream.expires_after(m_settings.body_timeout);
    if (head_only) {
        http::response_serializer<http::string_body> serializer(response);
        co_await http::async_write_header(stream, serializer, net::redirect_error(net::use_awaitable, error));
    } else {
        co_await http::async_write(stream, response, net::redirect_error(net::use_awaitable, error));
    }

    auto seconds = std::chrono::duration<double>(Clock::now() - started).count();
    auto method = request.message.method_string();
    spdlog::info("{} {} {} {:.1f}ms client={} id={}", std::string_view(method.data(), method.size()), request.path(), status,
        seconds * 1000, request.client.to_string(), request.request_id);
    if (m_observer)
        m_observer({ std::string_view(method.data(), method.size()), match.pattern, status, seconds });
    if (input_left_unread && !error)
        co_await linger_before_close(stream);
    co_return !error && response.keep_alive();
}

template <class Body>
void Server::add_security_headers(http::response<Body>& response) const
{
    // No MIME sniffing on any answer (a JSON error echoing input must never be read as HTML).
    response.set("X-Content-Type-Options", "nosniff");
    if (m_security.strict_transport_security)
        response.set(http::field::strict_transport_security, "max-age=31536000");
}

Awaitable<Response> Server::dispatch(Request& request, Router::Match const& match)
{
    if (!match.handler) {
        if (!match.allowed_methods.empty()) {
            auto response = error_response(ProtocolError::MethodNotAllowed, kMethodNotAllowed);
            response.set(http::field::allow, match.allowed_methods);
            co_return response;
        }
        co_return error_response(ErrorCode::NotFound, kNotFound);
    }
    try {
        co_return co_await (*match.handler)(request);
    } catch (std::exception const& exception) {
        // Handlers return errors as values; an exception here is a bug, answered with 500 and logged.
        spdlog::error("handler for {} threw: {} id={}", std::string(request.path()), exception.what(), request.request_id);
        co_return error_response(ErrorCode::Internal, kInternalError);
    }
}

}
