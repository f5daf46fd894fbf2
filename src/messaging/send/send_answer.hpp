#pragma once
// The one place where what became of a send (SendService's result or error) becomes an HTTP answer:
//   200 Plivo took it; 202 stored and mmsgate still owns it (status pending, retrying, checking or
//   unknown: the client follows it and must not resend it); 5xx nothing of the request is held for
//   sending ("stored": false), so sending it again cannot duplicate it; 4xx the request was wrong.
// Error statuses come from http/status_mapping.
#include "core/error.hpp"
#include "http/request.hpp"
#include "messaging/send/send_service.hpp"

namespace mmsgate {

[[nodiscard]] Response send_answer(Result<SendResult> const& result, bool sandbox);

// Every 5xx of the send routes says that nothing was stored, whoever produced it (a session check
// on a database that is down, for example).
[[nodiscard]] Response marked_not_stored(Response response);

}
