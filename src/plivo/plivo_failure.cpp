#include "plivo/plivo_failure.hpp"

namespace mmsgate {

namespace {

PlivoCallOutcome classify_http_status(int status)
{
    // 408: the server gave up waiting for the request itself, so it did not act on it.
    if (status == 408 || status == 429 || status == 503)
        return PlivoCallOutcome::RetrySafely;
    if (status >= 500)
        return PlivoCallOutcome::Ambiguous;
    if (status >= 200 && status < 300)
        return PlivoCallOutcome::Ambiguous; // only reaches here as a malformed success
    return PlivoCallOutcome::Rejected;
}

}

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

PlivoCallOutcome classify(PlivoFailure const& failure)
{
    switch (failure.kind) {
    case PlivoFailureKind::NeverSent:
        return PlivoCallOutcome::RetrySafely;
    case PlivoFailureKind::OutcomeUnknown:
    case PlivoFailureKind::MalformedResponse:
        return PlivoCallOutcome::Ambiguous;
    case PlivoFailureKind::Rejected:
        return classify_http_status(failure.http_status);
    }
    return PlivoCallOutcome::Ambiguous;
}

PlivoFailure plivo_failure_from(TransportFailure const& failure)
{
    return { failure.kind == TransportFailureKind::NeverSent ? PlivoFailureKind::NeverSent
                                                             : PlivoFailureKind::OutcomeUnknown,
        0, failure.message, {}, std::nullopt };
}

}
