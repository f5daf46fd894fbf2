#pragma once
// The error vocabulary shared by every module: a code callers branch on, a message that is safe
// to show a client, and detail that only goes to the log. Modules return Result<T>.
#include <expected>
#include <string>
#include <utility>

namespace mmsgate {

enum class ErrorCode {
    // The caller sent something wrong; fixing the request fixes it. HTTP 400.
    InvalidArgument,
    // No valid session or credentials. HTTP 401.
    Unauthenticated,
    // Known caller, not allowed (cross-site request, bad signature, disabled account). HTTP 403.
    PermissionDenied,
    NotFound,
    // The same thing exists already (e-mail address taken). HTTP 409.
    AlreadyExists,
    // A reused idempotency key with a different body, or a state that forbids the action. HTTP 422.
    Conflict,
    // A quota or rate limit. HTTP 429.
    ResourceExhausted,
    // Plivo answered and refused the request: not our fault, not retryable unchanged. HTTP 502.
    UpstreamRejected,
    // A dependency (database, Plivo) is down or overloaded; retrying later may work. HTTP 503.
    Unavailable,
    // A dependency did not answer in time. HTTP 504.
    DeadlineExceeded,
    // A bug or an impossible state. HTTP 500.
    Internal,
    // The body is in a format the route does not take (Content-Type). HTTP 415.
    UnsupportedMediaType,
    // The body, or a file in it, is larger than the route takes. HTTP 413.
    PayloadTooLarge,
};

[[nodiscard]] const char* to_string(ErrorCode code);

struct [[nodiscard]] Error {
    ErrorCode code = ErrorCode::Internal;
    // Shown to the client as-is: never put a secret or an internal path here.
    std::string message;
    // Only for the log.
    std::string detail = {};
    // The request field the error concerns, when there is one (the UI shows it next to that field).
    std::string field = {};
};

template <class T>
using Result = std::expected<T, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string detail = {})
{
    return std::unexpected(Error { code, std::move(message), std::move(detail), {} });
}

[[nodiscard]] inline std::unexpected<Error> fail_field(std::string field, std::string message)
{
    return std::unexpected(Error { ErrorCode::InvalidArgument, std::move(message), {}, std::move(field) });
}

}
