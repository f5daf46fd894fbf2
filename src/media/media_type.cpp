#include "media/media_type.hpp"

namespace mmsgate {

namespace {

unsigned byte_at(std::string_view bytes, std::size_t index) { return static_cast<unsigned char>(bytes[index]); }

int big_endian_16(std::string_view bytes, std::size_t at) { return int(byte_at(bytes, at) << 8 | byte_at(bytes, at + 1)); }

int big_endian_32(std::string_view bytes, std::size_t at)
{
    return int(byte_at(bytes, at) << 24 | byte_at(bytes, at + 1) << 16 | byte_at(bytes, at + 2) << 8 | byte_at(bytes, at + 3));
}

int little_endian_16(std::string_view bytes, std::size_t at) { return int(byte_at(bytes, at) | byte_at(bytes, at + 1) << 8); }

// Walks the JPEG markers to the first start-of-frame, which holds the size.
void jpeg_size(std::string_view bytes, SniffedMedia& media)
{
    std::size_t at = 2;
    while (at + 9 < bytes.size() && byte_at(bytes, at) == 0xFF) {
        auto marker = byte_at(bytes, at + 1);
        bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            media.height = big_endian_16(bytes, at + 5);
            media.width = big_endian_16(bytes, at + 7);
            return;
        }
        at += 2 + std::size_t(big_endian_16(bytes, at + 2));
    }
}

}

SniffedMedia sniff_media(std::string_view bytes)
{
    SniffedMedia media { "application/octet-stream", std::nullopt, std::nullopt };
    if (bytes.size() >= 24 && bytes.starts_with("\x89PNG\r\n\x1a\n")) {
        media.content_type = "image/png";
        media.width = big_endian_32(bytes, 16);
        media.height = big_endian_32(bytes, 20);
    } else if (bytes.size() >= 4 && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xD8 && byte_at(bytes, 2) == 0xFF) {
        media.content_type = "image/jpeg";
        jpeg_size(bytes, media);
    } else if (bytes.size() >= 10 && (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a"))) {
        media.content_type = "image/gif";
        media.width = little_endian_16(bytes, 6);
        media.height = little_endian_16(bytes, 8);
    } else if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
        media.content_type = "image/webp";
    } else if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") {
        media.content_type = "video/mp4";
    } else if (bytes.starts_with("%PDF-")) {
        media.content_type = "application/pdf";
    }
    return media;
}

bool is_raster_image(std::string_view content_type)
{
    return content_type == "image/png" || content_type == "image/jpeg" || content_type == "image/gif"
        || content_type == "image/webp";
}

}
