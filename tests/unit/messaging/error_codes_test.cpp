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
    EXPECT_EQ(describe_message_error(200),
        "Plivo error 200: The recipient opted out (replied STOP) of messages from this sender");
    for (int code : { 0, -1, 11, 4242 }) {
        EXPECT_FALSE(find_message_error(code)) << code;
        EXPECT_EQ(error_code_meaning(code), "Unknown error code");
    }
    EXPECT_EQ(describe_message_error(4242), "Plivo error 4242: Unknown error code 4242");
    EXPECT_EQ(describe_message_error(-1), "Plivo error -1: Unknown error code -1");
}

TEST(ErrorCodes, SaysWhetherRetryingLaterMayHelp)
{
    // Temporary conditions, unclear causes and codes Plivo added after this table.
    for (int code : { 20, 80, 420, 90, 1000, 4242 })
        EXPECT_TRUE(retrying_later_may_help(code)) << code;
    // Permanent, or needing a change to the message or the account first.
    for (int code : { 10, 30, 40, 50, 60, 70, 100, 110, 120, 200, 201, 450, 900, 960 })
        EXPECT_FALSE(retrying_later_may_help(code)) << code;
    EXPECT_EQ(find_message_error(30)->retry, RetryAdvice::AfterChangingMessage);
    EXPECT_EQ(find_message_error(900)->retry, RetryAdvice::AfterFixingAccount);
}

}
