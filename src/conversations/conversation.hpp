#pragma once
// Conversations (issue 15): one per (our number, their number), the team's, holding every message
// sent to and received from that number in time order. The vocabulary shared by the queries, the
// API and the inbound receiver.
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct ConversationSummary {
    std::string id;
    std::string our_number; // E.164
    std::string their_number; // E.164
    std::string last_direction; // in | out
    std::string last_text; // a preview
    bool last_has_media = false;
    Millis last_message_at = 0;
    std::optional<std::string> last_state; // the last outbound message's state when it is the last one
    std::int64_t unread_count = 0; // for the user who asked
    Millis updated_at = 0;
};

// A message of a thread: sent (direction out, with its state) or received (in).
struct ThreadMedia {
    std::string id; // the media id once stored; else "" (pending, refused or failed)
    std::string content_type;
    std::string state; // pending | stored | refused | failed
    // Outbound: the upload this file came from (issue 18); empty for incoming media.
    std::string upload_id = {};
    std::int64_t bytes = 0;
    int width = 0;
    int height = 0;
};

struct ThreadMessage {
    std::string id;
    std::string direction; // in | out
    std::string type; // sms | mms
    std::string text;
    std::string from;
    std::string to;
    std::vector<ThreadMedia> media;
    std::vector<std::string> media_urls; // outbound: the URLs it was sent with
    std::optional<std::string> state; // outbound only
    std::optional<int> error_code;
    bool automatic = false;
    std::optional<std::string> flag;
    Millis created_at = 0;
};

// What a new message changes in its conversation's summary.
struct ConversationActivity {
    std::string our_number;
    std::string their_number;
    std::string direction; // in | out
    std::string text;
    bool has_media = false;
    Millis at = 0;
};

// The first characters of a text for the list (whole UTF-8 characters, at most `max_bytes`).
// The API's shape of a conversation (docs/openapi.yaml: Conversation).
[[nodiscard]] nlohmann::json conversation_json(ConversationSummary const& conversation);

[[nodiscard]] std::string preview_text(std::string_view text, std::size_t max_bytes = 160);

}
