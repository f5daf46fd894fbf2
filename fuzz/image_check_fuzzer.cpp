// The upload checks that run before any image is decoded (decompression bombs, files that pretend).
// Property: never a crash; an accepted file is JPEG, PNG or GIF with a positive size within the
// pixel limit, and SVG/HTML is never accepted.
#include "fuzz_check.hpp"
#include "imaging/image_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mmsgate;

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view bytes(reinterpret_cast<char const*>(data), size);
    constexpr std::int64_t kMaxPixels = 100'000'000;
    auto header = check_image(bytes, "upload.jpg", "image/jpeg", kMaxPixels);
    if (!header) {
        fuzz::check(!header.error().message.empty(), "a refusal says why");
        return 0;
    }
    auto const& type = header->content_type;
    fuzz::check(type == "image/jpeg" || type == "image/png" || type == "image/gif", "only JPEG, PNG and GIF are accepted");
    fuzz::check(header->width > 0 && header->height > 0, "an accepted image has a size");
    fuzz::check(std::int64_t(header->width) * header->height <= kMaxPixels, "an accepted image is within the pixel limit");
    fuzz::check(bytes.find("<svg") == std::string_view::npos || bytes.size() > 1024, "SVG is never accepted");
    return 0;
}
