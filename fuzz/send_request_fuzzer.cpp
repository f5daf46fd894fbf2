// The JSON body of POST /api/send-mms. Property: a body that parses has a canonical form that parses
// again to the same canonical form (idempotency keys depend on it).
#include "fuzz_check.hpp"
#include "messaging/send/send_request.hpp"

#include <cstddef>
#include <cstdint>

using namespace mmsgate;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    auto input = parse_send_request(std::string_view(reinterpret_cast<char const*>(data), size));
    if (!input)
        return 0;
    fuzz::check(!input->recipients.empty() && input->recipients.size() <= kMaxRecipients, "1..50 recipients");
    auto canonical = canonical_json(*input);
    auto again = parse_send_request(canonical);
    fuzz::check(again.has_value(), "the canonical form of an accepted body is accepted");
    fuzz::check(canonical_json(*again) == canonical, "the canonical form is a fixed point");
    return 0;
}
