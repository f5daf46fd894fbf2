// Recipient numbers as people type them. Properties: an accepted number is a North American E.164
// number that normalises to itself, and Plivo's digits are it without the '+'.
#include "fuzz_check.hpp"
#include "messaging/phone_number.hpp"

#include <cstddef>
#include <cstdint>

using namespace mmsgate;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto number = normalize_recipient(std::string_view(reinterpret_cast<char const*>(data), size));
    if (!number)
        return 0;
    fuzz::check(number->size() == 12 && number->starts_with("+1"), "an accepted number is +1 and ten digits");
    auto again = normalize_recipient(*number);
    fuzz::check(again.has_value() && *again == *number, "an accepted number normalises to itself");
    fuzz::check(plivo_digits(*number) == number->substr(1), "Plivo's digits drop only the '+'");
    return 0;
}
