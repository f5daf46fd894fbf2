#pragma once
// Plivo's message error codes (the `error_code` of a failed or undelivered message, in status callbacks
// and message lookups): what each means for a person.
// Plivo adds codes over time; an unknown code is not an error here, it is described as unknown.
#include <optional>
#include <string_view>

namespace mmsgate {

struct MessageErrorInfo {
    int code;
    std::string_view meaning;
};

// The entry for a code Plivo documents, or nullopt.
[[nodiscard]] std::optional<MessageErrorInfo> find_message_error(int code);

// The meaning of a known code, or "Unknown error code" for any other.
[[nodiscard]] std::string_view error_code_meaning(int code);

}
