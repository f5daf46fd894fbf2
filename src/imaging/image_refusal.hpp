#pragma once
// Why a picture is refused, as a value: the HTTP edge (src/uploads) maps the kind to 400, 413 or
// 415. The message is for the person; detail (libvips' own words) for the log only.
#include <expected>
#include <string>

namespace mmsgate {

enum class ImageRefusalKind {
    Invalid, // not what it claims, SVG/HTML, a decompression bomb, damaged (400)
    UnsupportedType, // a real file of a type that is not accepted (415)
    TooLarge, // cannot be made small enough (413)
    Internal, // libvips failed (500)
};

struct ImageRefusal {
    ImageRefusalKind kind = ImageRefusalKind::Invalid;
    std::string message;
    std::string detail = {};
};

template <class T>
using ImageResult = std::expected<T, ImageRefusal>;

}
