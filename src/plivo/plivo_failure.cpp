#include "plivo/plivo_failure.hpp"

#include "core/names.hpp"

namespace mmsgate {

namespace {

constexpr NameTable<PlivoFailureKind, 4> kKindNames { { { PlivoFailureKind::Rejected, "rejected" },
    { PlivoFailureKind::NeverSent, "never sent" }, { PlivoFailureKind::OutcomeUnknown, "outcome unknown" },
    { PlivoFailureKind::MalformedResponse, "malformed response" } } };

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

// The names are string literals, so the view's data is NUL-terminated.
char const* to_string(PlivoFailureKind kind) { return name_in(kKindNames, kind, "unknown").data(); }

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
