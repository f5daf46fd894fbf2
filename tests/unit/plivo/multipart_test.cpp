#include "plivo/multipart.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(Multipart, RoundTripsBinaryPartsAndEscapesQuotes)
{
    std::vector<MultipartPart> parts = {
        { "file", "a \"quoted\".png", "image/png", std::string("\x89PNG\r\n--\0", 9) },
        { "file", "b.txt", "text/plain", "" },
    };
    auto built = build_multipart(parts);
    EXPECT_TRUE(built.content_type.starts_with("multipart/form-data; boundary="));
    auto parsed = parse_multipart(built.content_type, built.body);
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->size(), 2u);
    EXPECT_EQ((*parsed)[0].file_name, "a %22quoted%22.png");
    EXPECT_EQ((*parsed)[0].data, parts[0].data);
    EXPECT_EQ((*parsed)[1].data, "");
    EXPECT_EQ((*parsed)[1].content_type, "text/plain");
}

TEST(Multipart, ParsesWhatCurlSends)
{
    // The shape curl -F 'file=@a.png;type=image/png' produces, with a quoted boundary parameter.
    std::string body = "--------------------------d74496d66958873e\r\n"
                       "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                       "Content-Type: image/png\r\n\r\nDATA\r\n"
                       "--------------------------d74496d66958873e--\r\n";
    auto parsed = parse_multipart("multipart/form-data; boundary=\"------------------------d74496d66958873e\"", body);
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->size(), 1u);
    EXPECT_EQ((*parsed)[0].name, "file");
    EXPECT_EQ((*parsed)[0].data, "DATA");
}

TEST(Multipart, RejectsOtherTypesAndTruncatedBodies)
{
    EXPECT_FALSE(parse_multipart("application/json", "{}"));
    EXPECT_FALSE(parse_multipart("multipart/form-data", "--x\r\n"));
    EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=x",
        "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nDATA"));
    EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=x", "--x\r\nno headers end\r\n--x--"));
}

}
