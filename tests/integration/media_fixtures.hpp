#pragma once
// Test pictures made here with libvips (nothing binary is committed): a phone-like portrait photo
// with GPS EXIF, small pictures, and files that only pretend to be pictures.
#include <string>

namespace mmsgate::testing {

// A JPEG of about 4 MB, stored 3000 × 2000 (landscape) with EXIF Orientation 6 (shown portrait,
// 2000 × 3000) and a GPS position (48° 51′ 24″ N) in its EXIF.
[[nodiscard]] std::string portrait_photo_with_gps();
// A JPEG of `side` × `side` pixels of noise (hard to compress) at quality 95.
[[nodiscard]] std::string noise_jpeg(int side);
// A PNG signature and IHDR declaring width × height, with no pixel data at all.
[[nodiscard]] std::string png_header_only(int width, int height);

struct DecodedImage {
    int width = 0;
    int height = 0;
    bool has_exif = false;
    bool has_xmp = false;
    bool has_icc = false;
};
// What libvips reads from a file's header (no autorotation).
[[nodiscard]] DecodedImage decode_header(std::string const& bytes);

}
