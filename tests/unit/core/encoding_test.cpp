#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(Encoding, Base64RoundTripsEveryLength)
{
    std::string bytes;
    for (int length = 0; length < 40; ++length) {
        EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
        EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
        bytes += char(length * 37 + 200);
    }
}

TEST(Encoding, Base64MatchesRfc4648Examples)
{
    EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
    EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
    EXPECT_FALSE(base64url_decode("a").has_value());
    EXPECT_FALSE(base64url_decode("ab+c").has_value());
    EXPECT_FALSE(base64_decode("abc").has_value());
}

TEST(Encoding, HexRejectsOddLengthAndNonHex)
{
    EXPECT_EQ(hex_encode("\x01\xab"), "01ab");
    EXPECT_EQ(hex_decode("01AB"), std::string("\x01\xab"));
    EXPECT_FALSE(hex_decode("abc").has_value());
    EXPECT_FALSE(hex_decode("zz").has_value());
}

TEST(Encoding, UrlEncodeComponentFollowsEncodeURIComponent)
{
    EXPECT_EQ(url_encode_component("a|b:c/d e"), "a%7Cb%3Ac%2Fd%20e");
    EXPECT_EQ(url_encode_component("-_.!~*'()"), "-_.!~*'()");
    EXPECT_EQ(url_decode("a%7Cb%3a%zz"), "a|b:%zz");
}

TEST(Encoding, ParsesFormBodies)
{
    auto fields = parse_form("email=a%40b.c&password=p+w%26x&json=true&empty=&flag");
    ASSERT_EQ(fields.size(), 5u);
    EXPECT_EQ(form_value(fields, "email"), "a@b.c");
    EXPECT_EQ(form_value(fields, "password"), "p w&x");
    EXPECT_EQ(form_value(fields, "empty"), "");
    EXPECT_EQ(form_value(fields, "flag"), "");
    EXPECT_FALSE(form_value(fields, "missing").has_value());
    EXPECT_EQ(parse_form(encode_form(fields)), fields);
}

}
