#include "core/ids.hpp"
#include "core/random.hpp"
#include "core/secret.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace mmsgate {

TEST(Secret, ConstantTimeEqualsComparesContentAndLength)
{
    EXPECT_TRUE(constant_time_equals("abc", "abc"));
    EXPECT_FALSE(constant_time_equals("abc", "abd"));
    EXPECT_FALSE(constant_time_equals("abc", "abcd"));
    EXPECT_TRUE(constant_time_equals("", ""));
}

TEST(Secret, MaskNeverShowsMoreThanTwoCharacters)
{
    auto masked = mask_secret("supersecretvalue-0123456789abcdef");
    EXPECT_EQ(masked.find("secret"), std::string::npos);
    EXPECT_EQ(mask_secret("short"), "****(5 chars)");
    EXPECT_EQ(mask_secret(""), "(not set)");
}

TEST(Ids, CuidsHavePrismaShapeAndAreUnique)
{
    std::regex const shape("^c[0-9a-z]{24}$");
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        auto id = new_cuid();
        EXPECT_TRUE(std::regex_match(id, shape)) << id;
        EXPECT_TRUE(seen.insert(id).second) << id;
    }
}

TEST(Ids, RandomUuidIsVersion4)
{
    std::regex const shape("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    EXPECT_TRUE(std::regex_match(random_uuid(), shape));
    EXPECT_NE(random_uuid(), random_uuid());
}

}
