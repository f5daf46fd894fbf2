#include "media/upload_repository.hpp"

#include "store/row_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

using nlohmann::json;

constexpr auto kUploadColumns = "u.id, u.owner_id, u.media_id, u.original_name, u.original_content_type, u.original_bytes, "
                                "u.width, u.height, u.animated, u.fitted, u.warnings, u.plivo_media_id, u.plivo_uploaded_at, "
                                "u.created_at, m.content_type, m.size_bytes";

UploadRecord upload_of(RowReader& next)
{
    UploadRecord upload;
    next(upload.id, upload.owner_id, upload.media_id, upload.original_name, upload.original_content_type,
        upload.original_bytes, upload.width, upload.height, upload.animated, upload.fitted, upload.warnings,
        upload.plivo_media_id, upload.plivo_uploaded_at, upload.created_at, upload.content_type, upload.bytes);
    return upload;
}

std::string placeholders(std::size_t count, std::size_t first = 1)
{
    std::string list;
    for (std::size_t i = 0; i < count; ++i)
        list += fmt::format("{}${}", i ? ", " : "", first + i);
    return list;
}

}

Result<void> insert_upload(SqlConnection& connection, UploadRecord const& upload)
{
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_upload (id, owner_id, media_id, original_name, original_content_type, original_bytes, width, "
        "height, animated, fitted, warnings, plivo_media_id, plivo_uploaded_at, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        { upload.id, upload.owner_id, upload.media_id, upload.original_name, upload.original_content_type,
            upload.original_bytes, std::int64_t(upload.width), std::int64_t(upload.height), std::int64_t(upload.animated ? 1 : 0),
            std::int64_t(upload.fitted ? 1 : 0), json(upload.warnings).dump(), sql_value(upload.plivo_media_id),
            sql_value(upload.plivo_uploaded_at), upload.created_at });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return {};
}

Result<std::vector<UploadRecord>> find_uploads(SqlConnection& connection, std::vector<std::string> const& ids)
{
    std::vector<UploadRecord> uploads;
    if (ids.empty())
        return uploads;
    SqlParams params(ids.begin(), ids.end());
    auto rows = connection.execute(fmt::format("SELECT {} FROM mmsgate_upload u JOIN mmsgate_media m ON m.id = u.media_id "
                                               "WHERE u.id IN ({})",
                                       kUploadColumns, placeholders(ids.size())),
        params);
    if (!rows)
        return std::unexpected(std::move(rows.error()));
    std::map<std::string, UploadRecord> found;
    for (auto& upload : read_rows(*rows, upload_of))
        found.emplace(upload.id, std::move(upload));
    for (auto const& id : ids) {
        if (auto it = found.find(id); it != found.end())
            uploads.push_back(it->second);
    }
    return uploads;
}

Result<void> link_uploads(SqlConnection& connection, std::string const& request_id, std::vector<std::string> const& upload_ids)
{
    for (std::size_t position = 0; position < upload_ids.size(); ++position) {
        auto linked = connection.execute("INSERT INTO mmsgate_send_upload (request_id, position, upload_id) VALUES ($1, $2, $3)",
            { request_id, std::int64_t(position), upload_ids[position] });
        if (!linked)
            return std::unexpected(std::move(linked.error()));
    }
    return {};
}

Result<std::map<std::string, std::vector<UploadRecord>>> uploads_of_requests(
    SqlConnection& connection, std::vector<std::string> const& request_ids)
{
    std::map<std::string, std::vector<UploadRecord>> uploads;
    if (request_ids.empty())
        return uploads;
    SqlParams params(request_ids.begin(), request_ids.end());
    auto rows = connection.execute(fmt::format("SELECT s.request_id, {} FROM mmsgate_send_upload s "
                                               "JOIN mmsgate_upload u ON u.id = s.upload_id JOIN mmsgate_media m ON m.id = u.media_id "
                                               "WHERE s.request_id IN ({}) ORDER BY s.request_id, s.position",
                                       kUploadColumns, placeholders(request_ids.size())),
        params);
    if (!rows)
        return std::unexpected(std::move(rows.error()));
    for (auto const& row : rows->rows) {
        RowReader next(row);
        auto request_id = next.next<std::string>();
        uploads[request_id].push_back(upload_of(next));
    }
    return uploads;
}

Result<void> record_plivo_upload(SqlConnection& connection, std::string const& upload_id, std::string const& plivo_media_id, Millis uploaded_at)
{
    auto updated = connection.execute("UPDATE mmsgate_upload SET plivo_media_id = $1, plivo_uploaded_at = $2 WHERE id = $3",
        { plivo_media_id, uploaded_at, upload_id });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return {};
}

Result<void> check_send_uploads(SqlConnection& connection, std::string const& user_id, bool is_admin,
    std::vector<std::string> const& upload_ids, std::size_t url_count, SendUploadLimits const& limits)
{
    if (upload_ids.empty())
        return {};
    if (upload_ids.size() + url_count > limits.max_media)
        return fail_field("upload_ids",
            fmt::format("An MMS can carry at most {} attachments; this one has {} ({} uploads and {} URLs)", limits.max_media,
                upload_ids.size() + url_count, upload_ids.size(), url_count));
    auto uploads = find_uploads(connection, upload_ids);
    if (!uploads)
        return std::unexpected(std::move(uploads.error()));
    if (uploads->size() != upload_ids.size())
        return fail_field("upload_ids", "An upload named in upload_ids does not exist; upload the file again");
    std::int64_t total = 0;
    for (auto const& upload : *uploads) {
        if (upload.owner_id != user_id && !is_admin)
            return std::unexpected(Error { ErrorCode::PermissionDenied, "An upload named in upload_ids belongs to someone else", {}, "upload_ids" });
        total += upload.bytes;
    }
    if (total > limits.max_total_bytes)
        return std::unexpected(Error { ErrorCode::InvalidArgument,
            fmt::format("The attachments together are {} KB, more than the {} KB one message may carry; remove one",
                total / 1024, limits.max_total_bytes / 1024),
            {}, "upload_ids" });
    return {};
}

}
