#pragma once
// Uploads (mmsgate_upload, migration 15): a picture a person uploaded, fitted and stored in
// mmsgate_media, owned by that person, with the Plivo media id it was last uploaded to Plivo as.
// mmsgate_send_upload ties uploads to the send requests that carry them, in order.
#include "core/clock.hpp"
#include "store/sql_connection.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct UploadRecord {
    std::string id;
    std::string owner_id;
    std::string media_id; // mmsgate_media.id
    std::string original_name;
    std::string original_content_type;
    std::int64_t original_bytes = 0;
    int width = 0;
    int height = 0;
    bool animated = false;
    bool fitted = false;
    std::vector<std::string> warnings;
    std::optional<std::string> plivo_media_id;
    std::optional<Millis> plivo_uploaded_at;
    Millis created_at = 0;
    // From mmsgate_media (read only).
    std::string content_type;
    std::int64_t bytes = 0;
};

[[nodiscard]] Result<void> insert_upload(SqlConnection& connection, UploadRecord const& upload);
// In the order of `ids`; an id that does not exist is left out.
[[nodiscard]] Result<std::vector<UploadRecord>> find_uploads(SqlConnection& connection, std::vector<std::string> const& ids);
[[nodiscard]] Result<void> link_uploads(SqlConnection& connection, std::string const& request_id, std::vector<std::string> const& upload_ids);
// The uploads of each request, in order (requests without uploads are absent).
[[nodiscard]] Result<std::map<std::string, std::vector<UploadRecord>>> uploads_of_requests(
    SqlConnection& connection, std::vector<std::string> const& request_ids);
[[nodiscard]] Result<void> record_plivo_upload(
    SqlConnection& connection, std::string const& upload_id, std::string const& plivo_media_id, Millis uploaded_at);

struct SendUploadLimits {
    std::size_t max_media = 10; // media_urls + uploads of one message (Plivo)
    std::int64_t max_total_bytes = 5 * 1024 * 1024; // the uploads of one message together
};

// Checks uploads named in a send: they exist, belong to `user_id` (an admin may send anyone's),
// fit with `url_count` URLs within max_media, and together stay within max_total_bytes.
// InvalidArgument (field "upload_ids") or PermissionDenied.
[[nodiscard]] Result<void> check_send_uploads(SqlConnection& connection, std::string const& user_id, bool is_admin,
    std::vector<std::string> const& upload_ids, std::size_t url_count, SendUploadLimits const& limits);

}
