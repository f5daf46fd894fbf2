// Media URLs Plivo will fetch (the SSRF guard). Property: an accepted URL is short, printable ASCII,
// http(s), and carries no credentials.
#include "fuzz_check.hpp"
#include "messaging/send/media_url.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace mmsgate;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view url(reinterpret_cast<char const*>(data), size);
    if (!validate_media_url(url, { "mediaUrls", 0 }))
        return 0;
    fuzz::check(url.size() <= kMaxMediaUrlLength, "an accepted URL is at most 2048 characters");
    fuzz::check(std::ranges::all_of(url, [](char c) { return c > ' ' && c < 0x7f; }), "an accepted URL is printable ASCII");
    std::string scheme(url.substr(0, url.find(':')));
    std::ranges::transform(scheme, scheme.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    fuzz::check(scheme == "http" || scheme == "https", "an accepted URL is http(s)");
    return 0;
}
