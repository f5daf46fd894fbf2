#include "conversations/routes/conversation_json.hpp"

#include "http/json_values.hpp"
#include "messaging/message_json.hpp"

namespace mmsgate {

nlohmann::json thread_message_json(ThreadMessage const& message)
{
    nlohmann::json media = nlohmann::json::array();
    for (auto const& item : message.media) {
        if (!item.upload_id.empty()) {
            media.push_back({ { "id", item.upload_id }, { "url", "/api/media/" + item.id }, { "content_type", item.content_type },
                { "contentType", item.content_type }, { "bytes", item.bytes }, { "width", item.width }, { "height", item.height },
                { "state", item.state } });
            continue;
        }
        bool stored = item.state == "stored" && !item.id.empty();
        media.push_back({
            { "id", stored ? nlohmann::json(item.id) : nlohmann::json(nullptr) },
            { "contentType", stored ? nlohmann::json(item.content_type) : nlohmann::json(nullptr) },
            { "url", stored ? nlohmann::json("/api/media/" + item.id) : nlohmann::json(nullptr) },
            { "state", item.state },
        });
    }
    return { { "id", message.id }, { "direction", message.direction }, { "type", message.type }, { "text", message.text },
        { "from", message.from }, { "to", message.to }, { "media", media }, { "mediaUrls", message.media_urls },
        { "state", json_or_null(message.state) }, { "errorCode", json_or_null(message.error_code) },
        { "errorMeaning", error_meaning_json(message.error_code) }, { "automatic", message.automatic },
        { "flag", json_or_null(message.flag) }, { "createdAt", format_iso8601(message.created_at) } };
}

}
