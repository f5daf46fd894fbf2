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
[[nodiscard]] Result<MediaRecord> insert_media(SqlConnection& connection, std::string data, std::string origin, Millis now);
[[nodiscard]] Result<std::optional<MediaRecord>> find_media(SqlConnection& connection, std::string const& id);

}
