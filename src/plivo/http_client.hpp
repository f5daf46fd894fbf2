#pragma once
// An asynchronous HTTP/1.1 + HTTP/2 client on libcurl's multi interface. One worker thread owns the
// multi handle and every transfer; any thread may call request(), and the awaiting coroutine resumes
// on its own executor. Connections (and TLS sessions, DNS answers) are reused across requests.
// HTTPS_PROXY / NO_PROXY from the environment are honoured; TLS peer and host verification are always on.
//
// How a failure is classified (TransportFailureKind):
//   - NeverSent when libcurl reports a DNS or connect failure, or when the transfer ended before it
//     reached libcurl's "pre-transfer" point (CURLINFO_PRETRANSFER_TIME_T == 0): the connection, TLS
//     handshake and proxy tunnel were never ready, so not one byte of the request was written.
//   - OutcomeUnknown for every other failure: the request was (or may have been) written, so the
//     server may have acted on it (total timeout while waiting for the answer, reset, empty reply).
//   libcurl itself silently resends a request once when a *reused* connection turns out to have been
//   closed before any response byte arrived; connections idle longer than max_idle_connection_age are
//   not reused, which keeps that window small.
#include "core/asio.hpp"
#include "plivo/http_types.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace mmsgate {

struct HttpClientSettings {
    long max_host_connections = 100; // Plivo allows 100 concurrent API requests per account
    long max_total_connections = 0; // 0: no limit beyond the per-host one
    std::chrono::milliseconds connect_timeout { 5000 };
    std::chrono::milliseconds total_timeout { 30000 };
    std::chrono::seconds max_idle_connection_age { 50 };
    std::string ca_bundle = {}; // a PEM file of trusted CAs instead of the system bundle; empty: system
    std::size_t max_response_bytes = 16 * 1024 * 1024; // larger bodies fail the transfer (OutcomeUnknown)
};

class HttpClient {
public:
    using Completion = std::move_only_function<void(HttpOutcome)>;

    explicit HttpClient(HttpClientSettings settings = {});
    ~HttpClient(); // stop()
    HttpClient(HttpClient const&) = delete;
    HttpClient& operator=(HttpClient const&) = delete;

    // Never throws for transport problems; every failure is an HttpOutcome error.
    [[nodiscard]] Awaitable<HttpOutcome> request(HttpRequest request);

    // Callback form: `completion` runs exactly once, on the worker thread (or inline if stopped).
    void submit(HttpRequest request, Completion completion);

    // Fails every queued and running request (classified as above, "client stopped") and joins the
    // worker. Later requests fail at once with NeverSent. Idempotent.
    void stop();

    [[nodiscard]] HttpClientSettings const& settings() const;

private:
    class Worker;
    std::unique_ptr<Worker> m_worker;
};

}
