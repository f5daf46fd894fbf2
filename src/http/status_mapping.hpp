#pragma once
// The one place where an ErrorCode becomes an HTTP status.
#include "core/asio.hpp"
#include "core/error.hpp"

namespace mmsgate {

[[nodiscard]] http::status http_status_for(ErrorCode code);

}
