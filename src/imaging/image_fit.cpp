#include "imaging/image_fit.hpp"

#include "imaging/vips_runtime.hpp"

#include <fmt/format.h>
#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mmsgate {

namespace {

struct ImageDeleter {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePointer = std::unique_ptr<VipsImage, ImageDeleter>;

std::unexpected<ImageRefusal> refuse(ImageRefusalKind kind, std::string message, std::string detail = {})
{
    return std::unexpected(ImageRefusal { kind, std::move(message), std::move(detail) });
}

std::string vips_failure()
{
    std::string text = vips_error_buffer();
    vips_error_clear();
    return text;
}

// Frames from the header alone (the loader reads no pixel to answer).
ImageResult<int> frame_count(std::string_view bytes, std::string const& content_type)
{
    if (content_type != "image/gif")
        return 1; // only GIF loads frames ("n" is no option of the other loaders)
    ImagePointer image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "n=-1", nullptr));
    if (!image)
        return refuse(ImageRefusalKind::Invalid, "The image could not be read; it is damaged or not what it claims", vips_failure());
    int pages = 1;
    if (vips_image_get_typeof(image.get(), "n-pages") != 0)
        vips_image_get_int(image.get(), "n-pages", &pages);
    return std::max(1, pages);
}

// Shrunk to fit a box of `box` pixels (never enlarged), turned upright, sRGB.
ImageResult<ImagePointer> thumbnail(std::string_view bytes, int box, bool all_frames)
{
    VipsImage* out = nullptr;
    auto status = vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &out, box, "height", box, "size",
        VIPS_SIZE_DOWN, "option_string", all_frames ? "n=-1" : "", "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
    if (status != 0)
        return refuse(ImageRefusalKind::Invalid, "The image could not be read; it is damaged or not what it claims", vips_failure());
    return ImagePointer(out);
}

ImageResult<std::string> encode(VipsImage* image, std::string const& content_type, int quality)
{
    void* buffer = nullptr;
    std::size_t length = 0;
    int status = 0;
    if (content_type == "image/jpeg") {
        status = vips_jpegsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, nullptr);
    } else if (content_type == "image/png") {
        status = vips_pngsave_buffer(image, &buffer, &length, "compression", 9, "strip", TRUE, nullptr);
    } else {
        status = vips_gifsave_buffer(image, &buffer, &length, "strip", TRUE, nullptr);
    }
    if (status != 0)
        return refuse(ImageRefusalKind::Internal, "The image could not be re-encoded", vips_failure());
    std::string data(static_cast<char const*>(buffer), length);
    g_free(buffer);
    return data;
}

int frame_height(VipsImage* image)
{
    int page_height = vips_image_get_page_height(image);
    return page_height > 0 ? page_height : vips_image_get_height(image);
}

struct Attempt {
    int box = 0;
    int quality = 0;
};

// Gentle first: quality before size, and never below a size where a photo stops being one.
std::vector<Attempt> attempts(int start_box, bool lossy)
{
    std::vector<Attempt> list;
    constexpr int kSmallestBox = 320;
    for (int box = start_box; box >= kSmallestBox; box = int(box * 0.75)) {
        if (lossy) {
            for (int quality : { 82, 70, 60 })
                list.push_back({ box, quality });
        } else {
            list.push_back({ box, 0 });
        }
    }
    if (list.empty())
        list.push_back({ start_box, lossy ? 70 : 0 });
    return list;
}

}

ImageResult<FittedImage> fit_image(std::string_view bytes, ImageHeader const& header, FitSettings const& settings)
{
    if (auto started = start_vips(); !started)
        return std::unexpected(started.error());
    auto frames = frame_count(bytes, header.content_type);
    if (!frames)
        return std::unexpected(frames.error());
    if (std::int64_t(*frames) * header.width * header.height > settings.max_pixels)
        return refuse(ImageRefusalKind::Invalid,
            fmt::format("The animation has {} frames of {} × {} pixels, more than the {} million pixels allowed in all",
                *frames, header.width, header.height, settings.max_pixels / 1'000'000));

    FittedImage result;
    result.content_type = header.content_type;
    bool animated = *frames > 1;
    auto longest = std::max(header.width, header.height);
    auto start_box = std::min(longest, settings.max_dimension);
    bool lossy = header.content_type == "image/jpeg";
    for (int pass = 0; pass < 2; ++pass) {
        for (auto const& attempt : attempts(start_box, lossy)) {
            auto image = thumbnail(bytes, attempt.box, animated);
            if (!image)
                return std::unexpected(image.error());
            auto data = encode(image->get(), result.content_type, attempt.quality);
            if (!data)
                return std::unexpected(data.error());
            if (data->size() <= settings.target_bytes) {
                result.data = std::move(*data);
                result.width = vips_image_get_width(image->get());
                result.height = frame_height(image->get());
                result.animated = animated;
                result.fitted = attempt.box < longest || bytes.size() > settings.target_bytes;
                return result;
            }
        }
        if (!animated)
            break;
        // The animation cannot fit at any size that still shows it: its first frame is sent.
        animated = false;
        result.warnings.push_back(fmt::format("The animation ({} frames) is too large for carriers at any usable size; "
                                              "only its first frame will be sent",
            *frames));
    }
    return refuse(ImageRefusalKind::TooLarge,
        fmt::format("The image cannot be made smaller than {} KB without becoming unusable; choose a smaller picture",
            settings.target_bytes / 1024));
}

}
