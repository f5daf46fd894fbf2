#pragma once
// mmsgate's own copies of media files (mmsgate_media), in the database so that every instance on
// PostgreSQL serves them. Used for incoming MMS media now, for uploads later (issue 18).
#include "core/clock.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>

namespace mmsgate {

struct MediaRecord {
    std::string id;
    std::string content_type;
    std::string data;
    std::string sha256; // hex
    std::optional<int> width;
    std::optional<int> height;
    std::string origin; // inbound | upload | fetched
    Millis created_at = 0;
};

// Stores `data` (its type, size and digest are computed here from the bytes) and returns the record.
// The same bytes are stored once: a file whose sha256 and size a record has already gives back
// that record (`reused`), so repeated pictures cost no space.
struct InsertedMedia {
    MediaRecord media;
    bool reused = false;
};
[[nodiscard]] Result<InsertedMedia> insert_media(SqlConnection& connection, std::string data, std::string origin, Millis now);
// The bytes all stored media take (for MMSGATE_MEDIA_MAX_TOTAL_BYTES).
[[nodiscard]] Result<std::int64_t> total_media_bytes(SqlConnection& connection);
[[nodiscard]] Result<std::optional<MediaRecord>> find_media(SqlConnection& connection, std::string const& id);

}
