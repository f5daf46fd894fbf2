#include "plivo/error_codes.hpp"

#include <algorithm>
#include <array>

namespace mmsgate {

namespace {

// From /work/shared/docs/plivo-api.md section 6.2 (Plivo's message error code reference, its
// MMS-types, message-expiry, credit and toll-free support articles), paraphrased for people.
constexpr auto kMessageErrors = std::to_array<MessageErrorInfo>({
    { 10, "Invalid message: the carrier rejected the content (blank or too long)" },
    { 20, "Carrier network error (temporary)" },
    { 30, "Spam detected: the carrier filtered the message" },
    { 40, "Invalid source number: wrong format, not enabled for SMS/MMS, or not on this Plivo account" },
    { 50, "Invalid destination number: wrong format, a landline, or not able to receive messages" },
    { 60, "Loop detected between the source and destination numbers" },
    { 70, "Destination permanently unavailable" },
    { 80, "Destination temporarily unavailable (handset off or out of coverage)" },
    { 90, "No route available to the destination" },
    { 100, "Prohibited by the carrier: its network does not support this message" },
    { 110, "Message too long" },
    { 120, "MMS too large: text and media exceed 5 MB; use smaller media" },
    { 200, "The recipient opted out (replied STOP) of messages from this sender" },
    { 201, "US toll-free numbers cannot send to this Canadian destination" },
    { 420, "Expired while queued at Plivo (message_expiry); not billed" },
    { 450, "Destination country barred by the account's Geo Permissions (a Plivo console setting)" },
    { 900, "Insufficient credit on the Plivo account" },
    { 960, "Weekly sending limit of an unverified toll-free number reached" },
    { 1000, "Unknown error reported by Plivo" },
});

static_assert(std::ranges::is_sorted(kMessageErrors, {}, &MessageErrorInfo::code));

}

std::optional<MessageErrorInfo> find_message_error(int code)
{
    auto found = std::ranges::lower_bound(kMessageErrors, code, {}, &MessageErrorInfo::code);
    if (found == kMessageErrors.end() || found->code != code)
        return std::nullopt;
    return *found;
}

std::string_view error_code_meaning(int code)
{
    auto info = find_message_error(code);
    return info ? info->meaning : "Unknown error code";
}

}
