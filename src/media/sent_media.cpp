#include "media/sent_media.hpp"

namespace mmsgate {

nlohmann::json sent_media_json(UploadsByRequest const& uploads, std::string const& request_id)
{
    auto media = nlohmann::json::array();
    auto found = uploads.find(request_id);
    if (found == uploads.end())
        return media;
    for (auto const& upload : found->second) {
        media.push_back({ { "id", upload.id }, { "url", "/api/media/" + upload.media_id }, { "content_type", upload.content_type },
            { "bytes", upload.bytes }, { "width", upload.width }, { "height", upload.height } });
    }
    return media;
}

}
