#pragma once
// The values PlivoSimulator exchanges with whatever serves it (Beast in `mmsgate plivo-sim` and the
// sandbox): a request in, a response out, and status callbacks for the server to deliver.
#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "plivo/http_types.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace mmsgate {

struct SimulatorRequest {
    std::string method = {}; // "GET", "POST", ...
    std::string target = {}; // path and query, e.g. /v1/Account/MA.../Message/?limit=5
    HttpHeaders headers = {}; // at least Authorization and Content-Type when sent
    std::string body = {};
    std::string remote_address = {}; // reported as requester_ip when set
};

struct SimulatorResponse {
    int status = 200;
    HttpHeaders headers = {}; // Content-Type always; Retry-After with an injected status
    std::string body = {};
    // Fault injection. The server waits `delay` (without blocking a thread) before acting, then either
    // writes this response or, with drop_connection, closes the connection without answering.
    std::chrono::milliseconds delay { 0 };
    bool drop_connection = false;
    // Held until the answer is written: the request counts against Plivo's concurrency limit.
    std::shared_ptr<void> in_flight = {};
};

// One status callback, ready to send: method, URL, headers (signatures, Content-Type) and body.
struct OutgoingCallback {
    std::string message_uuid = {};
    std::string status = {}; // queued, sent, delivered, undelivered, failed
    int sequence = 0;
    Millis due = 0; // when Plivo would send it
    int attempt = 0; // 0 for the first delivery, then one more per retry
    FormFields params = {}; // what the body (POST) or the query (GET) carries, decoded
    HttpRequest request = {};
};

}
