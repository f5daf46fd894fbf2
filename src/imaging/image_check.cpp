#include "imaging/image_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace mmsgate {

namespace {

unsigned byte_at(std::string_view bytes, std::size_t index) { return static_cast<unsigned char>(bytes[index]); }

std::int64_t big_endian(std::string_view bytes, std::size_t at, int length)
{
    std::int64_t value = 0;
    for (int i = 0; i < length; ++i)
        value = value << 8 | byte_at(bytes, at + std::size_t(i));
    return value;
}

std::unexpected<ImageRefusal> refuse(ImageRefusalKind kind, std::string message)
{
    return std::unexpected(ImageRefusal { kind, std::move(message) });
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// SVG and HTML can carry script: never an image here, whatever they are called.
std::optional<std::string_view> markup_kind(std::string_view bytes)
{
    auto head = lower(bytes.substr(0, 1024));
    if (head.find("<svg") != std::string::npos)
        return "an SVG drawing";
    if (head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos
        || head.find("<script") != std::string::npos)
        return "an HTML page";
    return std::nullopt;
}

std::optional<std::string_view> other_kind(std::string_view bytes)
{
    if (bytes.starts_with("%PDF-"))
        return "a PDF document";
    if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP")
        return "a WebP image";
    if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp")
        return "an MP4/HEIC file";
    if (bytes.starts_with("PK\x03\x04"))
        return "a ZIP archive";
    return std::nullopt;
}

bool claims_image(std::string_view file_name, std::string_view declared_type)
{
    auto name = lower(file_name);
    for (auto const* extension : { ".jpg", ".jpeg", ".png", ".gif" }) {
        if (name.ends_with(extension))
            return true;
    }
    return lower(declared_type).starts_with("image/");
}

// The first start-of-frame marker holds the size; a JPEG without one is not a picture.
std::optional<ImageHeader> jpeg_header(std::string_view bytes)
{
    std::size_t at = 2;
    while (at + 9 < bytes.size() && byte_at(bytes, at) == 0xFF) {
        auto marker = byte_at(bytes, at + 1);
        if (marker == 0xFF) {
            ++at; // fill byte
            continue;
        }
        bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame)
            return ImageHeader { "image/jpeg", int(big_endian(bytes, at + 7, 2)), int(big_endian(bytes, at + 5, 2)) };
        at += 2 + std::size_t(big_endian(bytes, at + 2, 2));
    }
    return std::nullopt;
}

std::optional<ImageHeader> read_header(std::string_view bytes)
{
    if (bytes.size() >= 24 && bytes.starts_with("\x89PNG\r\n\x1a\n") && bytes.substr(12, 4) == "IHDR") {
        auto width = big_endian(bytes, 16, 4);
        auto height = big_endian(bytes, 20, 4);
        // PNG allows 2^31 - 1; clamp so the pixel product below cannot overflow.
        return ImageHeader { "image/png", int(std::min<std::int64_t>(width, 1 << 30)), int(std::min<std::int64_t>(height, 1 << 30)) };
    }
    if (bytes.size() >= 4 && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xD8 && byte_at(bytes, 2) == 0xFF)
        return jpeg_header(bytes);
    if (bytes.size() >= 13 && (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")))
        return ImageHeader { "image/gif", int(byte_at(bytes, 6) | byte_at(bytes, 7) << 8), int(byte_at(bytes, 8) | byte_at(bytes, 9) << 8) };
    return std::nullopt;
}

}

ImageResult<ImageHeader> check_image(std::string_view bytes, std::string_view file_name, std::string_view declared_type, std::int64_t max_pixels)
{
    if (bytes.empty())
        return refuse(ImageRefusalKind::Invalid, "The file is empty");
    if (auto markup = markup_kind(bytes))
        return refuse(ImageRefusalKind::Invalid,
            fmt::format("The file is {}; SVG and HTML are never accepted as images (send a JPEG, PNG or GIF)", *markup));
    auto header = read_header(bytes);
    if (!header) {
        auto kind = other_kind(bytes);
        if (claims_image(file_name, declared_type))
            return refuse(ImageRefusalKind::Invalid,
                fmt::format("The file is not what it claims: its name or type says image, but its content is {}",
                    kind ? *kind : "not a JPEG, PNG or GIF image"));
        return refuse(ImageRefusalKind::UnsupportedType,
            fmt::format("{} cannot be sent: only JPEG, PNG and GIF images are accepted", kind ? *kind : "This type of file"));
    }
    if (header->width <= 0 || header->height <= 0)
        return refuse(ImageRefusalKind::Invalid, "The image declares no size; it is damaged or not an image");
    auto pixels = std::int64_t(header->width) * header->height;
    if (pixels > max_pixels)
        return refuse(ImageRefusalKind::Invalid,
            fmt::format("The image declares {} × {} pixels, more than the {} million allowed; it was refused without "
                        "being opened",
                header->width, header->height, max_pixels / 1'000'000));
    return *header;
}

}
