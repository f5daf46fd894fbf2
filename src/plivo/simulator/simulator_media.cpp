// PlivoSimulator's media upload (docs/plivo-api.md section 4).
#include "plivo/simulator/simulator.hpp"

#include "core/random.hpp"
#include "plivo/multipart.hpp"
#include "plivo/simulator/simulator_responses.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

using simulator::api_error;
using simulator::json_response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxFilesPerUpload = 10;
constexpr std::size_t kMaxFileBytes = 2 * 1024 * 1024;

}

json PlivoSimulator::media_object_locked(StoredMedia const& media) const
{
    return {
        { "content_type", media.content_type },
        { "file_name", media.file_name },
        { "media_id", media.media_id },
        { "size", media.size },
        { "upload_time", format_iso8601(media.uploaded_at) },
        { "media_url", fmt::format("{}/Account/{}/Media/{}", m_settings.media_base_url, m_settings.auth_id, media.media_id) },
    };
}

SimulatorResponse PlivoSimulator::upload_media_locked(SimulatorRequest const& request)
{
    auto parts = parse_multipart(find_header(request.headers, "Content-Type").value_or(""), request.body);
    if (!parts)
        return api_error(400, "Media must be uploaded as multipart/form-data");
    std::erase_if(*parts, [](MultipartPart const& part) { return part.name != "file"; });
    if (parts->empty())
        return api_error(400, "No file found in the request: send each file as a part named 'file'");
    if (parts->size() > kMaxFilesPerUpload)
        return api_error(400, fmt::format("At most {} files can be uploaded at once", kMaxFilesPerUpload));
    json objects = json::array();
    auto now = m_settings.clock();
    for (auto const& part : *parts) {
        if (part.data.size() > kMaxFileBytes) {
            objects.push_back({ { "file_name", part.file_name }, { "content_type", part.content_type },
                { "size", part.data.size() }, { "status", "failed" }, { "status_code", 400 },
                { "error_code", 400 }, { "error_message", "File size exceeds the 2 MB limit" } });
            continue;
        }
        StoredMedia media { random_uuid(), part.file_name, part.content_type, part.data.size(), now, part.data, false, m_media.size() };
        auto object = media_object_locked(media);
        object["status"] = "success";
        object["status_code"] = 201;
        objects.push_back(std::move(object));
        m_media.emplace(media.media_id, std::move(media));
    }
    return json_response(202, { { "api_id", random_uuid() }, { "objects", objects } });
}

bool PlivoSimulator::media_usable_locked(std::string const& media_id) const
{
    auto found = m_media.find(media_id);
    if (found == m_media.end())
        return false;
    return found->second.used || m_settings.clock() - found->second.uploaded_at < kUnusedMediaLifetime;
}

std::vector<UploadedFile> PlivoSimulator::uploaded_files() const
{
    std::lock_guard lock(m_mutex);
    std::vector<UploadedFile> files(m_media.size());
    for (auto const& [id, media] : m_media)
        files[media.order] = UploadedFile { media.media_id, media.file_name, media.content_type, media.data, media.uploaded_at, media.used };
    return files;
}

void PlivoSimulator::expire_unused_media()
{
    std::lock_guard lock(m_mutex);
    for (auto& [id, media] : m_media) {
        if (!media.used)
            media.uploaded_at = m_settings.clock() - kUnusedMediaLifetime - 1;
    }
}

SimulatorResponse PlivoSimulator::get_media_locked(std::string const& media_id)
{
    auto found = m_media.find(media_id);
    if (found == m_media.end())
        return api_error(404, "not found");
    auto object = media_object_locked(found->second);
    object["api_id"] = random_uuid();
    return json_response(200, object);
}

}
