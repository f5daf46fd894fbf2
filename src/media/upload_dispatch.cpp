#include "media/upload_dispatch.hpp"

#include "media/media_repository.hpp"
#include "media/upload_repository.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>

namespace mmsgate {

namespace {

PlivoSendResult not_sent(PlivoCallOutcome outcome, int http_status, std::string error)
{
    PlivoSendResult result;
    result.outcome = outcome;
    result.http_status = http_status;
    result.error = std::move(error);
    return result;
}

std::string file_name_for(UploadRecord const& upload)
{
    auto extension = upload.content_type == "image/png" ? "png" : upload.content_type == "image/gif" ? "gif" : "jpg";
    return fmt::format("{}.{}", upload.id, extension);
}

}

Awaitable<std::optional<PlivoSendResult>> attach_uploaded_media(
    Database& database, PlivoGateway& plivo, std::string request_id, std::vector<std::string>& media_ids)
{
    std::vector<std::string> request_ids { request_id };
    auto found = co_await database.read<std::map<std::string, std::vector<UploadRecord>>>(
        [&](SqlConnection& connection) { return uploads_of_requests(connection, request_ids); });
    if (!found)
        co_return not_sent(PlivoCallOutcome::RetrySafely, 0, "the request's uploads could not be read: " + found.error().message);
    auto uploads = found->find(request_id);
    if (uploads == found->end())
        co_return std::nullopt;
    for (auto const& upload : uploads->second) {
        auto now = now_millis();
        if (upload.plivo_media_id && upload.plivo_uploaded_at && now - *upload.plivo_uploaded_at < kPlivoUploadReuse) {
            media_ids.push_back(*upload.plivo_media_id);
            continue;
        }
        auto media_id = upload.media_id;
        auto stored = co_await database.read<std::optional<MediaRecord>>([&](SqlConnection& connection) { return find_media(connection, media_id); });
        if (!stored || !*stored)
            co_return not_sent(PlivoCallOutcome::RetrySafely, 0, "the stored copy of an upload could not be read");
        auto answer = co_await plivo.upload_media(file_name_for(upload), (*stored)->content_type, std::move((*stored)->data));
        if (answer.outcome != PlivoCallOutcome::Accepted) {
            // Uploading again is harmless (it sends nothing): anything but a refusal is retried.
            auto outcome = answer.outcome == PlivoCallOutcome::Rejected ? PlivoCallOutcome::Rejected : PlivoCallOutcome::RetrySafely;
            auto result = not_sent(outcome, answer.http_status, "Plivo's media upload failed: " + answer.error);
            result.retry_after_seconds = answer.retry_after_seconds;
            co_return result;
        }
        spdlog::info("request {}: upload {} is Plivo media {}{}", request_id, upload.id, answer.media_id,
            upload.plivo_media_id ? " (uploaded again: the earlier one is near Plivo's 6-hour expiry)" : "");
        auto upload_id = upload.id;
        auto recorded = co_await database.write<void>(
            [&](SqlConnection& connection) { return record_plivo_upload(connection, upload_id, answer.media_id, now); });
        if (!recorded)
            spdlog::warn("request {}: cannot record Plivo media {}: {}", request_id, answer.media_id, recorded.error().message);
        media_ids.push_back(answer.media_id);
    }
    co_return std::nullopt;
}

}
