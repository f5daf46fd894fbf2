#pragma once
// An incoming SMS or MMS as Plivo posts it to the application's message_url
// (../shared/docs/two-way-facts.md; decisions.md "Receiving"): From, To, Type, Text (SMS) or Body
// (MMS), MessageUUID, MediaCount with Media0… or Media1… (both are seen: MediaCount is trusted),
// MessageIntent, PowerpackUUID, Units, TotalRate, TotalAmount, ErrorCode.
#include "core/encoding.hpp"
#include "core/error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

inline constexpr std::size_t kMaxIncomingMedia = 10; // Plivo delivers at most 10 files

struct IncomingMessage {
    std::string plivo_uuid;
    std::string from; // E.164 when it is a number ("+" added to Plivo's digits), else as sent (short codes)
    std::string to;
    std::string type; // sms | mms
    std::string text;
    std::vector<std::string> media_urls; // in order, at most kMaxIncomingMedia
    std::string intent; // optout | optin | help | ""
    std::optional<int> units;
    std::optional<std::string> total_rate;
    std::optional<std::string> total_amount;
    std::optional<int> error_code;
    std::optional<std::string> powerpack_uuid;
};

// InvalidArgument (with the field) when a required field is missing or malformed.
[[nodiscard]] Result<IncomingMessage> parse_incoming_message(FormFields const& params);

// Plivo's digits as E.164 ("14155550100" -> "+14155550100"); other senders (short codes,
// alphanumeric ids) unchanged.
[[nodiscard]] std::string plivo_number_to_e164(std::string_view number);

}
