#pragma once
// What a file really is, judged from its first bytes (never from a name or a sender's header).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

struct SniffedMedia {
    std::string content_type; // application/octet-stream when not recognised
    std::optional<int> width;
    std::optional<int> height;
};

[[nodiscard]] SniffedMedia sniff_media(std::string_view bytes);

// PNG, JPEG, GIF and WebP: the types a browser shows as a picture and nothing else. Anything else
// (SVG and HTML included, which could run script) is served as a download.
[[nodiscard]] bool is_raster_image(std::string_view content_type);

}
