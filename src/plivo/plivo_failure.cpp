#include "plivo/plivo_failure.hpp"

#include <fmt/format.h>

namespace mmsgate {

char const* to_string(PlivoFailureKind kind)
{
    switch (kind) {
    case PlivoFailureKind::Rejected:
        return "rejected";
    case PlivoFailureKind::NeverSent:
        return "never sent";
    case PlivoFailureKind::OutcomeUnknown:
        return "outcome unknown";
    case PlivoFailureKind::MalformedResponse:
        return "malformed response";
    }
    return "unknown";
}

char const* to_string(RetryClass retry_class)
{
    switch (retry_class) {
    case RetryClass::SafeToRetry:
        return "safe to retry";
    case RetryClass::Ambiguous:
        return "ambiguous";
    case RetryClass::Final:
        return "final";
    }
    return "unknown";
}

RetryClass classify_http_status(int status)
{
    // 408: the server gave up waiting for the request itself, so it did not act on it.
    if (status == 408 || status == 429 || status == 503)
        return RetryClass::SafeToRetry;
    if (status >= 500)
        return RetryClass::Ambiguous;
    if (status >= 200 && status < 300)
        return RetryClass::Ambiguous; // only reaches here as a malformed success
    return RetryClass::Final;
}

RetryClass classify(PlivoFailure const& failure)
{
    switch (failure.kind) {
    case PlivoFailureKind::NeverSent:
        return RetryClass::SafeToRetry;
    case PlivoFailureKind::OutcomeUnknown:
    case PlivoFailureKind::MalformedResponse:
        return RetryClass::Ambiguous;
    case PlivoFailureKind::Rejected:
        return classify_http_status(failure.http_status);
    }
    return RetryClass::Ambiguous;
}

PlivoFailure plivo_failure_from(TransportFailure const& failure)
{
    return { failure.kind == TransportFailureKind::NeverSent ? PlivoFailureKind::NeverSent
                                                             : PlivoFailureKind::OutcomeUnknown,
        0, failure.message, {}, std::nullopt };
}

Error to_error(PlivoFailure const& failure)
{
    switch (failure.kind) {
    case PlivoFailureKind::NeverSent:
        return { ErrorCode::Unavailable, "Plivo could not be reached", failure.error };
    case PlivoFailureKind::OutcomeUnknown:
        return { ErrorCode::DeadlineExceeded, "Plivo did not answer in time", failure.error };
    case PlivoFailureKind::MalformedResponse:
        return { ErrorCode::Unavailable, "Plivo sent an unreadable answer",
            fmt::format("HTTP {}: {}", failure.http_status, failure.error) };
    case PlivoFailureKind::Rejected:
        break;
    }
    auto detail = fmt::format("HTTP {} api_id={}", failure.http_status, failure.api_id);
    if (classify(failure) == RetryClass::Final)
        return { ErrorCode::UpstreamRejected, fmt::format("Plivo rejected the request: {}", failure.error), detail };
    return { ErrorCode::Unavailable, fmt::format("Plivo is unavailable: {}", failure.error), detail };
}

}
