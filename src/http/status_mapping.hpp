#pragma once
// The one place where an error becomes an HTTP status: an ErrorCode (every module's vocabulary), or a
// ProtocolError (what only the HTTP layer itself refuses). Handlers return errors as values and
// answer them with error_response(Error) / error_response(ProtocolError, …) (http/response.hpp);
// nothing else picks an error status.
#include "core/asio.hpp"
#include "core/error.hpp"

namespace mmsgate {

// Refusals of the HTTP exchange itself, which no module's ErrorCode describes.
enum class ProtocolError {
    MethodNotAllowed, // 405 (the answer also names the allowed methods)
    RequestTimeout, // 408: the body did not arrive in time
    PayloadTooLarge, // 413
    MisdirectedRequest, // 421: a Host this server does not serve
    HeadersTooLarge, // 431
};

[[nodiscard]] http::status http_status_for(ErrorCode code);
[[nodiscard]] http::status http_status_for(ProtocolError error);

}
