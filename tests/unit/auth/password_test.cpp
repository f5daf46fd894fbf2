#include "auth/password.hpp"

#include "support/matchers.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

namespace mmsgate {

using testing::HasError;
using testing::IsOk;

namespace {

nlohmann::json const& bcrypt_vectors() { return testing::nextauth_vectors().at("bcrypt"); }

// The fixed-salt vectors describe long passwords as "'a' x 72".
std::string password_of(nlohmann::json const& vector)
{
    auto text = vector.at("password").get<std::string>();
    std::smatch match;
    if (std::regex_match(text, match, std::regex("^'(.)' x ([0-9]+)$")))
        return std::string(std::stoul(match[2]), match[1].str()[0]);
    return text;
}

}

TEST(Password, VerifiesTheFixedSaltVectors)
{
    for (auto const& vector : bcrypt_vectors().at("fixed_salt")) {
        auto password = password_of(vector);
        SCOPED_TRACE(password);
        ASSERT_EQ(password.size(), vector.at("password_len"));
        EXPECT_TRUE(verify_password(password, vector.at("hash").get<std::string>()));
        if (password.size() < 72) {
            EXPECT_FALSE(verify_password(password + "x", vector.at("hash").get<std::string>()));
        }
    }
}

TEST(Password, OnlyTheFirst72BytesCount)
{
    auto const& fixed = bcrypt_vectors().at("fixed_salt");
    ASSERT_EQ(fixed.at(2).at("hash"), fixed.at(3).at("hash"));
    auto hash = fixed.at(2).at("hash").get<std::string>();
    EXPECT_TRUE(verify_password(std::string(72, 'a'), hash));
    EXPECT_TRUE(verify_password(std::string(73, 'a'), hash));
    EXPECT_FALSE(verify_password(std::string(71, 'a'), hash));
}

TEST(Password, VerifiesTheRandomSaltVectorsAndRejectsWrongPasswords)
{
    for (auto const& vector : bcrypt_vectors().at("random_salt")) {
        auto password = vector.at("password").get<std::string>();
        auto hash = vector.at("hash").get<std::string>();
        SCOPED_TRACE(hash);
        EXPECT_EQ(verify_password(password, hash), vector.at("bcrypt_compare").get<bool>());
        EXPECT_EQ(verify_password(password + "!", hash), vector.at("wrong_password_compare").get<bool>());
    }
}

TEST(Password, AcceptsThe2aAnd2yPrefixes)
{
    auto const& prefix_2a = bcrypt_vectors().at("prefix_2a");
    EXPECT_TRUE(verify_password(prefix_2a.at("password").get<std::string>(), prefix_2a.at("hash").get<std::string>()));
    // node bcrypt says false, bcryptjs true; $2y$ is PHP's name for $2b$, so mmsgate follows bcryptjs.
    auto const& prefix_2y = bcrypt_vectors().at("prefix_2y");
    EXPECT_EQ(prefix_2y.at("bcryptjs_compare"), true);
    EXPECT_TRUE(verify_password("password123", prefix_2y.at("hash").get<std::string>()));
    EXPECT_FALSE(verify_password("password124", prefix_2y.at("hash").get<std::string>()));
}

TEST(Password, RejectsMalformedHashesWithoutCrashing)
{
    auto good = bcrypt_vectors().at("fixed_salt").at(0).at("hash").get<std::string>();
    for (std::string bad : { std::string(), std::string("*0"), std::string("$2b$10$short"), good.substr(0, 59), good + "a",
             "$2x$" + good.substr(4), "$2c$" + good.substr(4), "$1$" + good.substr(3), "$2b$03$" + good.substr(7),
             "$2b$32$" + good.substr(7), "$2b$1a$" + good.substr(7), good.substr(0, 30) + "!" + good.substr(31),
             std::string("$5$rounds=5000$abcdefghijklmnop$0123456789012345678901234567890123456789012"),
             std::string(60, '$') }) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(verify_password("password123", bad));
    }
    EXPECT_FALSE(verify_password(std::string("password123\0x", 13), good));
}

TEST(Password, HashesWithA2bPrefixAndTheRequestedCost)
{
    auto hash = hash_password("correct horse battery staple", 12);
    ASSERT_THAT(hash, IsOk());
    EXPECT_TRUE(std::regex_match(*hash, std::regex(R"(^\$2b\$12\$[./A-Za-z0-9]{53}$)"))) << *hash;
    EXPECT_TRUE(verify_password("correct horse battery staple", *hash));
    EXPECT_FALSE(verify_password("correct horse battery stapl", *hash));

    auto cheap = hash_password("P\xc3\xa4ssw\xc3\xb6rd", 4);
    ASSERT_THAT(cheap, IsOk());
    EXPECT_TRUE(cheap->starts_with("$2b$04$"));
    EXPECT_TRUE(verify_password("P\xc3\xa4ssw\xc3\xb6rd", *cheap));
    EXPECT_NE(*hash_password("same", 4), *hash_password("same", 4));
}

TEST(Password, RefusesBadCostsAndNulBytes)
{
    EXPECT_THAT(hash_password("pw", 3), HasError(ErrorCode::InvalidArgument));
    EXPECT_THAT(hash_password("pw", 32), HasError(ErrorCode::InvalidArgument));
    EXPECT_THAT(hash_password(std::string("pw\0pw", 5), 4), HasError(ErrorCode::InvalidArgument));
}

TEST(Password, DummyCheckCostsAsMuchAsARealOne)
{
    auto const& vector = bcrypt_vectors().at("random_salt").at(0);
    ASSERT_EQ(vector.at("cost"), 10);
    auto hash = vector.at("hash").get<std::string>();
    (void)verify_password_against_dummy("warm-up", 10); // the first call also computes the dummy hash
    auto timed = [](auto&& action) {
        auto start = std::chrono::steady_clock::now();
        action();
        return std::chrono::steady_clock::now() - start;
    };
    auto real = timed([&] { (void)verify_password("wrong password", hash); });
    bool dummy_result = true;
    auto dummy = timed([&] { dummy_result = verify_password_against_dummy("wrong password", 10); });
    EXPECT_FALSE(dummy_result);
    // Loose bounds: the point is "one bcrypt run of the same cost", not a benchmark on a shared machine.
    EXPECT_GT(dummy * 3, real);
    EXPECT_LT(dummy, real * 3);
}

TEST(Password, AWrongPasswordForACheaperHashCostsWhatAnUnknownAccountCosts)
{
    // A seed user (cost 6 here, 10 in the field) under a configured cost 10: without padding the
    // wrong password answers 16 times faster than an unknown e-mail, which tells that it exists.
    auto cheap = *hash_password("the real password", 6);
    (void)check_password("warm-up", std::nullopt, 10);
    for (int cost = 6; cost < 10; ++cost)
        (void)verify_password_against_dummy("warm-up", cost);
    auto timed = [](auto&& action) {
        auto start = std::chrono::steady_clock::now();
        action();
        return std::chrono::steady_clock::now() - start;
    };
    PasswordCheck wrong;
    PasswordCheck unknown { true, true };
    auto wrong_time = timed([&] { wrong = check_password("wrong password", cheap, 10); });
    auto unknown_time = timed([&] { unknown = check_password("wrong password", std::nullopt, 10); });
    EXPECT_FALSE(wrong.valid);
    EXPECT_FALSE(unknown.valid);
    EXPECT_FALSE(unknown.needs_rehash);
    EXPECT_GT(wrong_time * 3, unknown_time);
    EXPECT_LT(wrong_time, unknown_time * 3);
}

TEST(Password, ARightPasswordForAnotherCostAsksForARehash)
{
    auto cheap = *hash_password("the real password", 4);
    auto check = check_password("the real password", cheap, 5);
    EXPECT_TRUE(check.valid);
    EXPECT_TRUE(check.needs_rehash);
    auto same = check_password("the real password", *hash_password("the real password", 5), 5);
    EXPECT_TRUE(same.valid);
    EXPECT_FALSE(same.needs_rehash);
    EXPECT_FALSE(check_password("the real password", std::string_view("$2b$05$not-a-hash"), 5).valid);
}

TEST(Password, AnUnknownAccountCostsWhatAWrongPasswordForACostlierStoredHashCosts)
{
    // A seed user stored at cost 10 under a configured cost 6: without the slowest stored cost the
    // unknown e-mail answers 16 times faster than the wrong password, which tells that the account exists.
    auto costly = *hash_password("the real password", 10);
    (void)check_password("warm-up", std::nullopt, 6, 10);
    auto timed = [](auto&& action) {
        auto start = std::chrono::steady_clock::now();
        action();
        return std::chrono::steady_clock::now() - start;
    };
    PasswordCheck wrong { true, true };
    PasswordCheck unknown { true, true };
    auto wrong_time = timed([&] { wrong = check_password("wrong password", costly, 6, 10); });
    auto unknown_time = timed([&] { unknown = check_password("wrong password", std::nullopt, 6, 10); });
    EXPECT_FALSE(wrong.valid);
    EXPECT_FALSE(unknown.valid);
    EXPECT_GT(unknown_time * 3, wrong_time);
    EXPECT_LT(unknown_time, wrong_time * 3);
    // The rehash still aims at the configured cost, not the slowest stored one.
    EXPECT_TRUE(check_password("the real password", costly, 6, 10).needs_rehash);
    EXPECT_EQ(stored_bcrypt_cost(costly), 10);
    EXPECT_EQ(stored_bcrypt_cost("$2b$10$short"), 0);
}

}
