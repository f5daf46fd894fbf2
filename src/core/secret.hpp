#pragma once
// Helpers for handling secrets: comparing them without leaking timing, and showing them masked.
#include <string>
#include <string_view>

namespace mmsgate {

// Compares in time that depends only on the lengths, never on where the inputs differ.
[[nodiscard]] bool constant_time_equals(std::string_view a, std::string_view b);

// "abcd…(32 chars)": enough to tell two secrets apart in a config dump, never enough to use one.
[[nodiscard]] std::string mask_secret(std::string_view secret);

}
