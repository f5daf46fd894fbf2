#pragma once
// Why a Plivo call did not produce a value, and whether it may be retried (docs/plivo-api.md section 7).
// Plivo has no idempotency key: resending after an Ambiguous failure can create a second, billed
// message, so look the message up first (list_messages by to_number and time) or accept that risk.
#include "core/error.hpp"
#include "plivo/http_types.hpp"

#include <chrono>
#include <expected>
#include <optional>
#include <string>

namespace mmsgate {

enum class PlivoFailureKind {
    // Plivo answered with a non-2xx status (http_status, error, api_id, retry_after are set).
    Rejected,
    // The request never reached Plivo (see TransportFailureKind::NeverSent).
    NeverSent,
    // The request may have reached Plivo; no usable answer came back.
    OutcomeUnknown,
    // Plivo answered 2xx but the body was not the documented JSON: the call may have succeeded.
    MalformedResponse,
};

[[nodiscard]] char const* to_string(PlivoFailureKind kind);

struct PlivoFailure {
    PlivoFailureKind kind = PlivoFailureKind::OutcomeUnknown;
    int http_status = 0; // Rejected and MalformedResponse
    std::string error = {}; // Plivo's `error` string, libcurl's message, or what was wrong with the body
    std::string api_id = {}; // Plivo's request id when it sent one
    std::optional<std::chrono::seconds> retry_after = {}; // from a Retry-After header in seconds
};

template <class T>
using PlivoResult = std::expected<T, PlivoFailure>;

// What one Plivo call came to: the one outcome vocabulary from the Plivo client up to the dispatcher
// and the handlers (PlivoGateway's results carry it).
enum class PlivoCallOutcome {
    // Plivo answered 2xx with the documented body.
    Accepted,
    // Resending the same request cannot help (400, 401, 403, 404, 405, other 4xx, 3xx).
    Rejected,
    // Plivo certainly did not act on the request: resend with backoff (never sent, 408, 429, 503).
    RetrySafely,
    // Plivo may have acted on it: reconcile before resending (outcome unknown, malformed 2xx, 500, 502,
    // 504 and other 5xx).
    Ambiguous,
};

// What a failed call came to: Rejected, RetrySafely or Ambiguous.
[[nodiscard]] PlivoCallOutcome classify(PlivoFailure const& failure);

// A transport failure as the Plivo failure it is.
[[nodiscard]] PlivoFailure plivo_failure_from(TransportFailure const& failure);

}
