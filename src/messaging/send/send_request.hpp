#pragma once
// The body of POST /api/send-mms, parsed and fully validated before anything is sent or stored, so
// that no invalid request costs money. Every error is InvalidArgument (HTTP 400) with Error::field
// naming the JSON key ("to", "text", "mediaUrl", "mediaUrls", "mediaIds"; "" for the body itself).
//
// Accepted body (unknown keys are ignored; null counts as absent):
//   { "to": "+14155550100" | ["+14155550100", "(613) 555-0100", ...],     1..50 numbers, US/Canada
//     "text": "Hello",                      optional, at most 1,600 Unicode code points
//     "mediaUrl": "https://...",            the original app's single URL, optional
//     "mediaUrls": ["https://...", ...],    optional
//     "mediaIds": ["<Plivo media id>", ...] optional
//     "upload_ids": ["<mmsgate upload id>", ...] optional: files from POST /api/uploads }
// mediaUrl and mediaUrls are merged; with mediaIds and upload_ids there must be 1..10 attachments after removing
// duplicates. Text may be empty: an MMS always has an attachment, and Plivo requires text only for SMS.
//
// POST /api/messages (SendEndpoint::Messages) also reads
//     "type": "sms" | "mms",   default: sms without media, mms with media; an SMS has text and no media
//     "from": "+14155550100",  optional: the sender (the handler checks it is a number of this account)
//     "origin": "ui" | "reply" optional label for the history (default "api")
#include "core/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

inline constexpr std::size_t kMaxRecipients = 50;
// Plivo's MMS body limit, counted here in Unicode code points (an emoji counts as one).
inline constexpr std::size_t kMaxTextCharacters = 1600;
// Plivo's limit on media_urls plus media_ids for one message.
inline constexpr std::size_t kMaxMedia = 10;
inline constexpr std::size_t kMaxMediaIdLength = 64;

struct SendInput {
    // E.164 ("+14155550100"), duplicates removed, in the order given.
    std::vector<std::string> recipients;
    // Possibly empty.
    std::string text;
    // As given (surrounding whitespace trimmed), duplicates removed; mediaUrl first, then mediaUrls.
    std::vector<std::string> media_urls;
    // Duplicates removed, in the order given.
    std::vector<std::string> media_ids;
    // Duplicates removed, in the order given (uploads are checked against their owner when stored).
    std::vector<std::string> upload_ids;
    std::string type = "mms"; // sms | mms
    std::optional<std::string> sender = std::nullopt; // "from", E.164
    std::string origin = "api"; // api | ui | reply

    bool operator==(SendInput const&) const = default;
};

enum class SendEndpoint { SendMms, Messages };

[[nodiscard]] Result<SendInput> parse_send_request(std::string_view body, SendEndpoint endpoint = SendEndpoint::SendMms);

// A stable serialisation of validated input for idempotency checks: two bodies that ask for the same
// send (same recipients in any order or notation, same text, same media in the same order, mediaUrl
// or mediaUrls) give the same string. Compact JSON with sorted keys:
// {"mediaIds":[...],"mediaUrls":[...],"text":"...","to":[sorted E.164 numbers]}, plus "type" and "from"
// when they are not an MMS from the default sender (so /api/send-mms keys hash as they always did).
[[nodiscard]] std::string canonical_json(SendInput const& input);

}
