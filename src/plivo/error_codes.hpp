#pragma once
// Plivo's message error codes (the `error_code` of a failed or undelivered message, in status callbacks
// and message lookups): what each means for a person, and whether sending again can help.
// Plivo adds codes over time; an unknown code is not an error here, it is described as unknown.
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

enum class RetryAdvice {
    // The same message to the same number will fail the same way.
    Never,
    // A temporary condition (network, handset off, queue expiry): sending again later may work.
    Later,
    // Change the message first (content flagged as spam, media too large).
    AfterChangingMessage,
    // Fix the Plivo account first (top up credit, enable the country in Geo Permissions).
    AfterFixingAccount,
    // The cause is unclear; a later attempt might work.
    Maybe,
};

struct MessageErrorInfo {
    int code;
    std::string_view meaning;
    RetryAdvice retry;
};

// The entry for a code Plivo documents, or nullopt.
[[nodiscard]] std::optional<MessageErrorInfo> find_message_error(int code);

// The meaning of a known code, or "Unknown error code" for any other.
[[nodiscard]] std::string_view error_code_meaning(int code);

// A line for people and logs: "Plivo error 50: Invalid destination number ..." or
// "Plivo error 4242: Unknown error code 4242".
[[nodiscard]] std::string describe_message_error(int code);

// True when sending the same message again later, unchanged, may succeed (Later and Maybe; unknown
// codes count as Maybe).
[[nodiscard]] bool retrying_later_may_help(int code);

}
