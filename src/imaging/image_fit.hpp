#pragma once
// Fits a checked image (image_check.hpp) to what carriers deliver, with libvips: turned upright
// (EXIF orientation applied), colour converted to sRGB, every piece of metadata dropped (EXIF, GPS,
// XMP, IPTC, ICC), shrunk to max_dimension and, while over target_bytes, re-encoded at a lower
// quality or shrunk further. The file is always re-encoded, even when it already fits, so no
// metadata survives. An animated GIF stays animated when it fits; otherwise its first frame is sent
// and a warning says so. CPU-bound and blocking: call it off the I/O threads.
#include "imaging/image_refusal.hpp"
#include "imaging/image_check.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

struct FitSettings {
    std::size_t target_bytes = 600 * 1024;
    int max_dimension = 1600;
    std::int64_t max_pixels = 100'000'000; // of all frames together
};

struct FittedImage {
    std::string data;
    std::string content_type;
    int width = 0;
    int height = 0; // of one frame
    bool fitted = false; // shrunk or re-compressed to meet the target (not only cleaned)
    bool animated = false;
    std::vector<std::string> warnings;
};

// Refusals: Invalid when libvips cannot read it or the frames together exceed max_pixels, TooLarge
// when no size that still shows the picture meets the target, Internal when libvips fails.
[[nodiscard]] ImageResult<FittedImage> fit_image(std::string_view bytes, ImageHeader const& header, FitSettings const& settings);

}
