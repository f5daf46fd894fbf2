#pragma once
// What goes into and comes out of Plivo's messaging and media calls, with Plivo's own field names
// (docs/plivo-api.md sections 2-4). Numbers in responses are digits without '+'.
#include "core/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct SendMessageRequest {
    std::string src = {}; // sender, E.164 with or without '+'
    std::vector<std::string> dst = {}; // sent as one string joined with '<'
    std::string text = {}; // omitted when empty (allowed for MMS)
    std::string type = "mms";
    std::vector<std::string> media_urls = {};
    std::vector<std::string> media_ids = {};
    std::string url = {}; // status callback; omitted (with method) when empty
    std::string method = "POST";
};

struct SendMessageAccepted {
    std::string api_id = {};
    std::string message = {}; // "message(s) queued"
    std::vector<std::string> message_uuids = {}; // one per accepted destination, in order
    std::vector<std::string> invalid_numbers = {}; // destinations Plivo refused in a bulk send
};

// A message object from GET .../Message/{uuid}/ or a list.
struct PlivoMessage {
    std::string message_uuid = {};
    std::string message_state = {}; // queued, sent, failed, delivered, undelivered, rejected, received, read
    std::string message_type = {};
    std::string message_direction = {};
    std::string from_number = {};
    std::string to_number = {};
    std::string message_time = {}; // as Plivo sent it, e.g. "2026-01-02 03:04:05+00:00"
    std::optional<Millis> message_time_millis = {}; // parsed when possible
    std::optional<int> error_code = {}; // null/absent/empty -> nullopt; "000" -> 0
    std::string error_message = {};
    std::string total_amount = {}; // decimal strings as sent, e.g. "0.01600"
    std::string total_rate = {};
    int units = 0;
};

struct ListMessagesFilter {
    std::string to_number = {}; // '+' and other non-digits are dropped, as Plivo stores digits
    std::optional<Millis> message_time_gte = {}; // sent as message_time__gte "YYYY-MM-DD HH:MM:SS" UTC
    std::optional<Millis> message_time_lte = {};
    std::string message_direction = "outbound"; // empty: not sent
    int limit = 20; // clamped to 1..20
    int offset = 0;
};

struct PlivoMessageList {
    std::string api_id = {};
    int limit = 0;
    int offset = 0;
    std::int64_t total_count = 0;
    bool has_next = false; // meta.next is not null
    std::vector<PlivoMessage> messages = {};
};

struct MediaFile {
    std::string name = {}; // file name sent in the part
    std::string content_type = {};
    std::string bytes = {};
};

struct UploadedMedia {
    std::string file_name = {};
    std::string media_id = {};
    std::string media_url = {}; // `media_url` (docs) or `url` (SDK fixtures)
    std::string content_type = {};
    std::int64_t size = 0;
    std::string status = {}; // "success" when this file was stored
    int status_code = 0; // 201 when this file was stored
    std::string error_message = {};

    [[nodiscard]] bool succeeded() const
    {
        return !media_id.empty() && (status.empty() || status == "success")
            && (status_code == 0 || (status_code >= 200 && status_code < 300));
    }
};

struct MediaUploadResult {
    std::string api_id = {};
    std::vector<UploadedMedia> objects = {}; // one per file; check each succeeded()
};

}
