#pragma once
// The "media" of an outbound message in the history and conversation JSON: the uploads it carries,
// each {"id","url":"/api/media/<id>","content_type","bytes","width","height"} (for thumbnails).
#include "media/upload_repository.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace mmsgate {

using UploadsByRequest = std::map<std::string, std::vector<UploadRecord>>;

// An empty array for a request without uploads.
[[nodiscard]] nlohmann::json sent_media_json(UploadsByRequest const& uploads, std::string const& request_id);

}
