#include "messaging/phone_number.hpp"

#include "field_error.hpp"
#include "support/matchers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace mmsgate {

using testing::IsFieldError;
using testing::IsOk;

struct Accepted {
    char const* input;
    char const* e164;
};

TEST(PhoneNumber, AcceptsCommonNotationsAndNormalisesToE164)
{
    Accepted const cases[] = {
        { "+14155550100", "+14155550100" },
        { "4155550100", "+14155550100" },
        { "(415) 555-0100", "+14155550100" },
        { "415.555.0100", "+14155550100" },
        { "415-555-0100", "+14155550100" },
        { "415/555/0100", "+14155550100" },
        { "1-415-555-0100", "+14155550100" },
        { "1 (415) 555 0100", "+14155550100" },
        { "+1 415 555 0100", "+14155550100" },
        { "+1 (415) 555-0100", "+14155550100" },
        { "+1.415.555.0100", "+14155550100" },
        { "  +1 415 555 0100\t", "+14155550100" },
        { "tel:+1-415-555-0100", "+14155550100" },
        { "TEL:4155550100", "+14155550100" },
        { "+1 (202) 456-1111", "+12024561111" },
        { "1-800-555-0100", "+18005550100" },
        // Canada shares country code 1.
        { "+1 416 555 0199", "+14165550199" },
        { "(613) 555-0100", "+16135550100" },
        { "+1 604 555 0100", "+16045550100" },
        // Pasted from web pages and word processors.
        { "415\u00a0555\u00a00100", "+14155550100" },
        { "+1 (415) 555\u20110100", "+14155550100" },
        { "415\u2013555\u20130100", "+14155550100" },
        { "415\u2009555\u20090100", "+14155550100" },
        { "415\u00ad555\u00ad0100", "+14155550100" },
        { "\uff14\uff11\uff15\uff15\uff15\uff15\uff10\uff11\uff10\uff10", "+14155550100" },
        { "\uff0b1 (415) 555-0100", "+14155550100" },
    };
    for (auto const& c : cases) {
        auto result = normalize_recipient(c.input);
        ASSERT_THAT(result, IsOk()) << c.input;
        EXPECT_EQ(*result, c.e164) << c.input;
    }
}

struct Rejected {
    char const* input;
    char const* phrase;
};

TEST(PhoneNumber, RejectsWhatIsNotOnePhoneNumber)
{
    Rejected const cases[] = {
        { "", "The phone number is empty" },
        { "   ", "The phone number is empty" },
        { "abc", "\"abc\" is not a phone number: \"a\" does not belong in one" },
        { "call 415 555 0100", "\"c\" does not belong" },
        { "1-800-FLOWERS", "\"F\" does not belong" },
        { "4155550100 ext. 12", "\"e\" does not belong" },
        { "4155550100#12", "\"#\" does not belong" },
        { "*4155550100", "\"*\" does not belong" },
        { "415\n555 0100", "the control character U+000A" },
        { "415\u2605555 0100", "\"\u2605\" does not belong" },
        { "\xff\xfe", "not valid UTF-8" },
        { "415\xc0\xaf" "5550100", "not valid UTF-8" },
        { "+", "\"+\" is not a phone number" },
        { "tel:", "is not a phone number" },
        { "(-)", "is not a phone number" },
        { "4155550100, 4155550111", "looks like several numbers in one" },
        { "4155550100;4155550111", "looks like several numbers in one" },
        { "4155550100<4155550111", "looks like several numbers in one" },
        { "+1 415 555 0100 +1 415 555 0111", "has a '+' in the middle" },
        { "++14155550100", "has a '+' in the middle" },
        { "4155550100 4155550111", "has too many digits for one phone number" },
        { "+1 415 555 0100 0111 0112 0113 0114 0115 0116 0117 0118 0119 0120", "is too long to be one phone number" },
        { "123", "is too short" },
        { "+1 415 555 01", "is too short" },
        { "555-0100", "has no area code" },
    };
    for (auto const& c : cases)
        EXPECT_THAT(normalize_recipient(c.input), IsFieldError("to", c.phrase)) << c.input;
}

TEST(PhoneNumber, RejectsNumbersLibphonenumberDoesNotConsiderValid)
{
    // Each has ten digits after +1, so only libphonenumber's numbering-plan data can refuse it:
    // area codes 555 and 123 do not exist, and exchanges never start with 0.
    for (auto input : { "+1 555 555 5555", "+1 123 456 7890", "+1 415 055 0100", "(415) 155-0100" })
        EXPECT_THAT(normalize_recipient(input), IsFieldError("to", "is not a valid US or Canadian phone number"))
            << input;
}

TEST(PhoneNumber, RejectsNumbersOutsideTheUsAndCanada)
{
    Rejected const cases[] = {
        { "+44 20 7946 0958",
            "MMS can only be sent to US and Canadian numbers; \"+44 20 7946 0958\" is a +44 number (GB)" },
        { "+447911123456", "is a +44 number" },
        // The US international prefix, 011, also reaches another country.
        { "011 44 20 7946 0958", "is a +44 number (GB)" },
        { "+33 1 42 68 53 00", "is a +33 number (FR)" },
        { "+61 2 9374 4000", "is a +61 number (AU)" },
        // Other members of the North American Numbering Plan share +1.
        { "+1 787 555 0100", "is a number in PR (which also uses +1)" },
        { "+1 671 555 0100", "is a number in GU (which also uses +1)" },
        { "+1 876 555 0100", "(which also uses +1)" },
        { "+999 1234 5678", "does not start with a known country code" },
    };
    for (auto const& c : cases)
        EXPECT_THAT(normalize_recipient(c.input), IsFieldError("to", c.phrase)) << c.input;
}

TEST(PhoneNumber, QuotesTheInputOnOneLineAndShortened)
{
    auto result = normalize_recipient("call me at 415 555 0100 or 415 555 0111 after five");
    ASSERT_THAT(result, IsFieldError("to", "does not belong"));
    EXPECT_NE(result.error().message.find("\"call me at 415 555 0100 or 415 555 0111 …\""), std::string::npos)
        << result.error().message;

    auto with_newline = normalize_recipient("415\n555 0100");
    ASSERT_THAT(with_newline, IsFieldError("to", "\"415\\u000A555 0100\" is not a phone number"));
    EXPECT_EQ(with_newline.error().message.find('\n'), std::string::npos);
}

TEST(PhoneNumber, PlivoDigitsDropThePlus)
{
    EXPECT_EQ(plivo_digits("+14155550100"), "14155550100");
    EXPECT_EQ(plivo_digits("14155550100"), "14155550100");
}

TEST(PhoneNumber, CanBeCalledFromManyThreadsAtOnce)
{
    // In its own process (ctest runs each test separately) this also races the first GetInstance().
    std::vector<std::thread> threads;
    std::vector<int> correct(8, 0);
    for (std::size_t t = 0; t < correct.size(); ++t) {
        threads.emplace_back([&correct, t] {
            for (int i = 0; i < 200; ++i) {
                auto result = normalize_recipient(i % 2 ? "(415) 555-0100" : "+1 613 555 0100");
                correct[t] += result && *result == (i % 2 ? "+14155550100" : "+16135550100");
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int count : correct)
        EXPECT_EQ(count, 200);
}

}
