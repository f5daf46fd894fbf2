#pragma once
// What an uploaded file really is, from its bytes: JPEG, PNG or GIF, with its size read from the
// format's own header (no pixel is decoded), so a decompression bomb (a small file declaring
// 50,000 × 50,000 pixels) is refused before anything is allocated. The name and the type a browser
// declared are used only to say what the file pretends to be. Refusals: Invalid for a file that is
// not what it claims, SVG or HTML, or too many pixels; UnsupportedType for a real file of a type
// that is not accepted.
#include "imaging/image_refusal.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mmsgate {

struct ImageHeader {
    std::string content_type; // image/jpeg | image/png | image/gif
    int width = 0;
    int height = 0; // of one frame
};

[[nodiscard]] ImageResult<ImageHeader> check_image(
    std::string_view bytes, std::string_view file_name, std::string_view declared_type, std::int64_t max_pixels);

}
