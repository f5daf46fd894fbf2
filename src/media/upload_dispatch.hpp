#pragma once
// The dispatcher's one step for uploads: before a send request goes to Plivo, each of its uploads
// gets a Plivo media id that is still valid. Plivo deletes an unused upload after 6 hours, so an id
// older than kPlivoUploadReuse (5.5 h, by the process clock, now_millis) is not reused: the stored
// copy in mmsgate_media is uploaded again (a message held by quiet hours or retries past 6 hours
// still goes out, once: an upload is not a send).
#include "core/asio.hpp"
#include "core/clock.hpp"
#include "messaging/plivo_gateway.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

inline constexpr Millis kPlivoUploadReuse = 5 * 3600 * 1000 + 30 * 60 * 1000;

// Appends the Plivo media ids of the request's uploads to media_ids (none: unchanged). When that
// fails the answer is what the send should conclude instead of calling Plivo: RetrySafely for a
// database or transport failure (the request is retried), Rejected when Plivo refused the file.
[[nodiscard]] Awaitable<std::optional<PlivoSendResult>> attach_uploaded_media(
    Database& database, PlivoGateway& plivo, std::string request_id, std::vector<std::string>& media_ids);

}
