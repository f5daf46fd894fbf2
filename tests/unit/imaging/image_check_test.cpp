#include "imaging/image_check.hpp"
#include "imaging/image_fit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstdint>

namespace mmsgate {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kMaxPixels = 100'000'000;

std::string png_declaring(std::uint32_t width, std::uint32_t height)
{
    std::string png = "\x89PNG\r\n\x1a\n";
    png += std::string("\0\0\0\x0d", 4) + "IHDR";
    for (auto value : { width, height }) {
        for (int shift = 24; shift >= 0; shift -= 8)
            png += char(value >> shift & 0xFF);
    }
    return png + std::string("\x08\x02\x00\x00\x00\0\0\0\0", 9);
}

// A real PNG from libvips: a gradient of `width` × `height`.
std::string real_png(int width, int height)
{
    EXPECT_EQ(VIPS_INIT("unit"), 0);
    VipsImage* image = nullptr;
    EXPECT_EQ(vips_xyz(&image, width, height, nullptr), 0);
    VipsImage* bytes = nullptr;
    EXPECT_EQ(vips_cast_uchar(image, &bytes, nullptr), 0);
    void* buffer = nullptr;
    std::size_t length = 0;
    EXPECT_EQ(vips_pngsave_buffer(bytes, &buffer, &length, nullptr), 0);
    std::string png(static_cast<char*>(buffer), length);
    g_free(buffer);
    g_object_unref(bytes);
    g_object_unref(image);
    return png;
}

TEST(ImageCheck, ReadsTheSizeFromTheHeaderAndRefusesBombsUnopened)
{
    auto header = check_image(png_declaring(640, 480), "a.png", "image/png", kMaxPixels);
    ASSERT_TRUE(header);
    EXPECT_EQ(header->content_type, "image/png");
    EXPECT_EQ(header->width, 640);
    EXPECT_EQ(header->height, 480);

    auto bomb = check_image(png_declaring(50'000, 50'000), "a.png", "image/png", kMaxPixels);
    ASSERT_FALSE(bomb);
    EXPECT_EQ(bomb.error().kind, ImageRefusalKind::Invalid);
    EXPECT_THAT(bomb.error().message, HasSubstr("50000 × 50000"));
    EXPECT_FALSE(check_image(png_declaring(0x7FFFFFFF, 0x7FFFFFFF), "a.png", "", kMaxPixels));
}

TEST(ImageCheck, JudgesTheBytesNotTheName)
{
    std::string pdf = "%PDF-1.7\n...";
    auto renamed = check_image(pdf, "photo.JPG", "application/octet-stream", kMaxPixels);
    ASSERT_FALSE(renamed);
    EXPECT_EQ(renamed.error().kind, ImageRefusalKind::Invalid);
    EXPECT_THAT(renamed.error().message, HasSubstr("not what it claims"));
    EXPECT_THAT(renamed.error().message, HasSubstr("PDF"));

    auto honest = check_image(pdf, "invoice.pdf", "application/pdf", kMaxPixels);
    ASSERT_FALSE(honest);
    EXPECT_EQ(honest.error().kind, ImageRefusalKind::UnsupportedType);

    for (std::string markup : { "<svg xmlns='http://www.w3.org/2000/svg'/>", "  <!DOCTYPE html><p>hi", "\xEF\xBB\xBF<SVG>" }) {
        auto refused = check_image(markup, "x.txt", "text/plain", kMaxPixels);
        ASSERT_FALSE(refused) << markup;
        EXPECT_EQ(refused.error().kind, ImageRefusalKind::Invalid) << markup;
    }
    EXPECT_FALSE(check_image("", "a.jpg", "image/jpeg", kMaxPixels));
}

TEST(ImageFit, ReencodesEvenWhatFitsAndShrinksToTheLongestSide)
{
    auto png = real_png(2000, 500);
    auto header = check_image(png, "wide.png", "image/png", kMaxPixels);
    ASSERT_TRUE(header);
    auto fitted = fit_image(png, *header, FitSettings { 600 * 1024, 1600, kMaxPixels });
    ASSERT_TRUE(fitted) << fitted.error().message << fitted.error().detail;
    EXPECT_EQ(fitted->content_type, "image/png");
    EXPECT_EQ(fitted->width, 1600);
    EXPECT_EQ(fitted->height, 400);
    EXPECT_TRUE(fitted->fitted);
    EXPECT_FALSE(fitted->animated);
    EXPECT_LE(fitted->data.size(), 600u * 1024);
    EXPECT_TRUE(check_image(fitted->data, "", "", kMaxPixels));

    auto small = real_png(100, 80);
    auto small_fit = fit_image(small, *check_image(small, "", "", kMaxPixels), FitSettings {});
    ASSERT_TRUE(small_fit);
    EXPECT_EQ(small_fit->width, 100);
    EXPECT_FALSE(small_fit->fitted);
}

TEST(ImageFit, ADamagedFileIsRefusedNotCrashedOn)
{
    auto png = real_png(64, 64).substr(0, 60);
    auto header = check_image(png, "", "", kMaxPixels);
    ASSERT_TRUE(header);
    auto fitted = fit_image(png, *header, FitSettings {});
    ASSERT_FALSE(fitted);
    EXPECT_EQ(fitted.error().kind, ImageRefusalKind::Invalid);
}

}
}
