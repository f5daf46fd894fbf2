#include "plivo/error_codes.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(ErrorCodes, KnowsEveryCodeOfPlivosTable)
{
    // /work/shared/docs/plivo-api.md section 6.2.
    for (int code : { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 200, 201, 420, 450, 900, 960, 1000 }) {
        auto info = find_message_error(code);
        ASSERT_TRUE(info) << code;
        EXPECT_EQ(info->code, code);
        EXPECT_EQ(error_code_meaning(code), info->meaning);
        EXPECT_FALSE(info->meaning.empty());
    }
}

TEST(ErrorCodes, DescribesKnownAndUnknownCodes)
{
    EXPECT_EQ(error_code_meaning(50),
        "Invalid destination number: wrong format, a landline, or not able to receive messages");
    for (int code : { 0, -1, 11, 4242 }) {
        EXPECT_FALSE(find_message_error(code)) << code;
        EXPECT_EQ(error_code_meaning(code), "Unknown error code");
    }
}

}
