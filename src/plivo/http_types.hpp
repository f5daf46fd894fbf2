#pragma once
// Plain values that go into and come out of HttpClient (no libcurl types): a request, a response, and
// a transport failure that says whether the request can have reached the server.
#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mmsgate {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The first value of a header, names compared case-insensitively.
[[nodiscard]] std::optional<std::string> find_header(HttpHeaders const& headers, std::string_view name);

// Not an aggregate on purpose: g++ 12 corrupts a brace-initialised aggregate temporary that appears
// inside a co_await expression (`co_await client.request({ "GET", url })`); a constructor avoids that.
struct HttpRequest {
    HttpRequest() = default;
    HttpRequest(std::string request_method, std::string request_url, HttpHeaders request_headers = {},
        std::string request_body = {}, std::optional<std::chrono::milliseconds> request_timeout = {})
        : method(std::move(request_method))
        , url(std::move(request_url))
        , headers(std::move(request_headers))
        , body(std::move(request_body))
        , timeout(request_timeout)
    {
    }

    std::string method = "GET";
    std::string url = {};
    HttpHeaders headers = {};
    std::string body = {};
    // Overrides the client's total timeout for this request.
    std::optional<std::chrono::milliseconds> timeout = {};
    // libcurl silently sends a request again when a reused HTTP/1.1 connection dies before any
    // response byte arrives, even when the server had read and acted on it. A request that must
    // never reach the server twice (creating a message) therefore gets a connection of its own.
    bool must_not_repeat = false;
    // "address" (IPv4 dotted or IPv6 without brackets): connect only there, whatever DNS says now,
    // and never through a proxy. For URLs whose resolved addresses were checked (webhooks): the
    // connection goes to the checked address, so a second DNS answer cannot redirect it.
    std::optional<std::string> connect_to_address = {};
};

struct HttpResponse {
    int status = 0;
    HttpHeaders headers = {}; // of the final response, as received
    std::string body = {};

    [[nodiscard]] std::optional<std::string> header(std::string_view name) const { return find_header(headers, name); }
};

enum class TransportFailureKind {
    // The request certainly did not reach the server: DNS failure, connection refused, TLS handshake
    // or certificate failure, proxy failure, connect timeout, no free connection before the deadline,
    // or the client was stopped before the request started. Resending cannot create a duplicate.
    NeverSent,
    // The request may have reached the server and been acted on: timeout or connection reset after
    // the connection was ready and the request was (being) written, empty or cut-off reply.
    OutcomeUnknown,
};

[[nodiscard]] char const* to_string(TransportFailureKind kind);

struct TransportFailure {
    TransportFailureKind kind = TransportFailureKind::OutcomeUnknown;
    std::string message = {}; // libcurl's description; for logs
};

// Any HTTP status is a response; only "no usable response" is a failure.
using HttpOutcome = std::expected<HttpResponse, TransportFailure>;

}
