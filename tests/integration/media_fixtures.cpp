#include "integration/media_fixtures.hpp"

#include <vips/vips.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

namespace mmsgate::testing {

namespace {

struct Unref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

void start()
{
    static bool const started = VIPS_INIT("mmsgate-tests") == 0;
    if (!started)
        throw std::runtime_error("libvips did not start");
}

// `image` by reference: it is read here, after the call that fills it (the order in which a call's
// arguments are evaluated is unspecified, and g++ evaluates `out` before the vips call by value).
Image checked(int status, VipsImage*& image)
{
    if (status != 0)
        throw std::runtime_error(vips_error_buffer());
    auto* made = image;
    image = nullptr;
    return Image(made);
}

void put16(std::string& out, unsigned value)
{
    out += char(value >> 8 & 0xFF);
    out += char(value & 0xFF);
}

void put32(std::string& out, std::uint32_t value)
{
    put16(out, value >> 16);
    put16(out, value & 0xFFFF);
}

void entry(std::string& out, unsigned tag, unsigned type, std::uint32_t count, std::uint32_t value)
{
    put16(out, tag);
    put16(out, type);
    put32(out, count);
    put32(out, value);
}

// APP1 "Exif": IFD0 with Orientation 6 and a GPS IFD with GPSLatitudeRef N, GPSLatitude 48/1 51/1 24/1.
std::string exif_segment()
{
    std::string tiff = "MM";
    put16(tiff, 42);
    put32(tiff, 8);
    // IFD0 at 8: two entries, ends at 8 + 2 + 24 + 4 = 38.
    put16(tiff, 2);
    entry(tiff, 0x0112, 3, 1, 6u << 16); // SHORT 6, left-justified
    entry(tiff, 0x8825, 4, 1, 38);
    put32(tiff, 0);
    // GPS IFD at 38: two entries, ends at 68; the rationals follow.
    put16(tiff, 2);
    entry(tiff, 0x0001, 2, 2, std::uint32_t('N') << 24);
    entry(tiff, 0x0002, 5, 3, 68);
    put32(tiff, 0);
    for (std::uint32_t value : { 48u, 51u, 24u }) {
        put32(tiff, value);
        put32(tiff, 1);
    }
    std::string payload = std::string("Exif\0\0", 6) + tiff;
    std::string segment = "\xFF\xE1";
    put16(segment, unsigned(payload.size() + 2));
    return segment + payload;
}

std::string jpeg_of(VipsImage* image, int quality)
{
    void* buffer = nullptr;
    std::size_t length = 0;
    if (vips_jpegsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, nullptr) != 0)
        throw std::runtime_error(vips_error_buffer());
    std::string bytes(static_cast<char*>(buffer), length);
    g_free(buffer);
    return bytes;
}

// Colour noise, blurred a little so it compresses like a photo rather than like static.
Image noise_picture(int width, int height, double blur)
{
    VipsImage* out = nullptr;
    auto noise = checked(vips_gaussnoise(&out, width, height, "sigma", 60.0, "mean", 128.0, nullptr), out);
    Image soft = std::move(noise);
    if (blur > 0)
        soft = checked(vips_gaussblur(soft.get(), &out, blur, nullptr), out);
    auto grey = checked(vips_cast_uchar(soft.get(), &out, nullptr), out);
    auto mirrored = checked(vips_flip(grey.get(), &out, VIPS_DIRECTION_HORIZONTAL, nullptr), out);
    VipsImage* bands[] = { grey.get(), mirrored.get(), grey.get() };
    auto colour = checked(vips_bandjoin(bands, &out, 3, nullptr), out);
    return checked(vips_copy(colour.get(), &out, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), out);
}

}

std::string portrait_photo_with_gps()
{
    start();
    auto picture = noise_picture(3000, 2000, 0.9);
    auto jpeg = jpeg_of(picture.get(), 90);
    // Right after SOI, where cameras put it.
    return jpeg.substr(0, 2) + exif_segment() + jpeg.substr(2);
}

std::string noise_jpeg(int side)
{
    start();
    auto picture = noise_picture(side, side, 0);
    return jpeg_of(picture.get(), 95);
}

std::string png_header_only(int width, int height)
{
    std::string png = "\x89PNG\r\n\x1a\n";
    put32(png, 13);
    png += "IHDR";
    put32(png, std::uint32_t(width));
    put32(png, std::uint32_t(height));
    png += std::string("\x08\x02\x00\x00\x00", 5);
    put32(png, 0); // the CRC is never read: the size alone refuses it
    return png;
}

DecodedImage decode_header(std::string const& bytes)
{
    start();
    Image image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr));
    if (!image)
        throw std::runtime_error(vips_error_buffer());
    DecodedImage decoded;
    decoded.width = vips_image_get_width(image.get());
    decoded.height = vips_image_get_height(image.get());
    decoded.has_exif = vips_image_get_typeof(image.get(), VIPS_META_EXIF_NAME) != 0;
    decoded.has_xmp = vips_image_get_typeof(image.get(), VIPS_META_XMP_NAME) != 0;
    decoded.has_icc = vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0;
    return decoded;
}

}
