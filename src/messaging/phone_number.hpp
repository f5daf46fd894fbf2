#pragma once
// Recipient phone numbers for MMS: Plivo delivers MMS only to the US and Canada, so anything else is
// refused here, before it can cost money. Errors are InvalidArgument on the field "to".
#include "core/error.hpp"

#include <string>
#include <string_view>

namespace mmsgate {

// Accepts the notations people type or paste: "(415) 555-0100", "415.555.0100", "1-415-555-0100",
// "+1 415 555 0100", "tel:+1-415-555-0100" (national forms are read as US/Canadian). Returns E.164,
// "+14155550100". Refuses letters (vanity numbers, "ext."), extensions, several numbers in one string,
// numbers that libphonenumber does not consider valid, and numbers outside the US and Canada.
// Safe to call from any thread.
[[nodiscard]] Result<std::string> normalize_recipient(std::string_view input);

// The form Plivo's `dst` wants: E.164 without the '+' ("14155550100").
[[nodiscard]] std::string plivo_digits(std::string_view e164);

}
