#pragma once
// One file a person gives mmsgate (uploaded, or fetched from a link): checked from its bytes
// (imaging/image_check.hpp), fitted to carriers off the I/O threads (imaging/image_fit.hpp), stored
// in mmsgate_media and recorded as that person's upload. The answer is the JSON of POST /api/uploads,
// or a refusal with its HTTP status: 413 over MMSGATE_UPLOAD_MAX_BYTES (or when it cannot be made
// small enough), 415 for a type that is not accepted, 400 for a file that is not what it claims,
// SVG/HTML or a decompression bomb, 503 when it cannot be stored.
#include "config/config.hpp"
#include "core/asio.hpp"
#include "http/request.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mmsgate {

struct IncomingFile {
    std::string bytes;
    std::string file_name; // as given; only shown back, never trusted
    std::string declared_type; // as given; only used to word an error
    std::string origin = "upload"; // upload | fetched (mmsgate_media.origin)
};

// The stored upload's answer, or why it was refused (PayloadTooLarge for a file over
// max_upload_bytes or an image over the pixel limit; the field is "file").
[[nodiscard]] Awaitable<Result<nlohmann::json>> take_upload(
    Database& database, UploadSettings const& settings, std::string owner_id, IncomingFile file);

}
