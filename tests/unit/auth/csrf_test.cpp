#include "auth/csrf.hpp"

#include "auth/cookies.hpp"
#include "auth_vectors.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace mmsgate {

namespace {

nlohmann::json const& csrf_vector() { return testing::nextauth_vectors().at("v4").at("csrf"); }

}

TEST(Csrf, HashIsSha256HexOfTokenAndSecret)
{
    auto const& vector = csrf_vector();
    auto hash = csrf_hash(vector.at("token").get<std::string>(), vector.at("secret").get<std::string>());
    EXPECT_EQ(hash, vector.at("hash_hex"));
    EXPECT_EQ(hash, vector.at("observed_from_real_server"));
}

TEST(Csrf, CookieValueAndItsWireForm)
{
    auto const& vector = csrf_vector();
    auto token = vector.at("token").get<std::string>();
    auto value = token + "|" + csrf_hash(token, vector.at("secret").get<std::string>());
    EXPECT_EQ(value, vector.at("cookie_value"));
    SetCookie cookie { "next-auth.csrf-token", value, nextauth_cookie_attributes(CookieSecurity::Plain) };
    EXPECT_EQ(cookie.header_value(),
        "next-auth.csrf-token=" + vector.at("cookie_value_on_wire").get<std::string>() + "; Path=/; HttpOnly; SameSite=Lax");
}

TEST(Csrf, VerifiesTheCookiesRealServersMinted)
{
    // Every transcript's first response minted a csrf cookie and returned its token in the body.
    auto const& vectors = testing::nextauth_vectors();
    struct Flow {
        nlohmann::json const& steps;
        std::string cookie_name;
    };
    for (auto const& flow : { Flow { vectors.at("v4").at("http_flow"), "next-auth.csrf-token" },
             Flow { vectors.at("v4").at("http_flow_seed_config"), "next-auth.csrf-token" },
             Flow { vectors.at("v4").at("http_flow_seed_config_app_router"), "next-auth.csrf-token" },
             Flow { vectors.at("v5").at("http_flow"), "authjs.csrf-token" } }) {
        auto const& step = flow.steps.at(0);
        ASSERT_EQ(step.at("name"), "get-csrf");
        auto cookies = parse_cookie_header(testing::set_cookie_value(step, flow.cookie_name).insert(0, "c="));
        auto body = nlohmann::json::parse(step.at("response").at("body").get<std::string>());
        auto token = verified_csrf_token(*find_cookie(cookies, "c"), testing::vector_secret());
        ASSERT_TRUE(token.has_value());
        EXPECT_EQ(*token, body.at("csrfToken"));
        EXPECT_FALSE(verified_csrf_token(*find_cookie(cookies, "c"), "another-secret"));
    }
}

TEST(Csrf, RejectsCookiesWhoseHashDoesNotMatch)
{
    auto const& vector = csrf_vector();
    auto secret = vector.at("secret").get<std::string>();
    auto token = vector.at("token").get<std::string>();
    auto hash = vector.at("hash_hex").get<std::string>();
    EXPECT_EQ(verified_csrf_token(token + "|" + hash, secret), token);
    // next-auth splits on every '|' and reads only the first two parts.
    EXPECT_EQ(verified_csrf_token(token + "|" + hash + "|extra", secret), token);
    EXPECT_FALSE(verified_csrf_token(token, secret));
    EXPECT_FALSE(verified_csrf_token(token + "|", secret));
    EXPECT_FALSE(verified_csrf_token(token + "|" + hash.substr(1), secret));
    EXPECT_FALSE(verified_csrf_token("0" + token.substr(1) + "|" + hash, secret));
    EXPECT_FALSE(verified_csrf_token(token + "%7C" + hash, secret));
    EXPECT_FALSE(verified_csrf_token("", secret));
}

TEST(Csrf, MintedCookiesVerify)
{
    auto minted = mint_csrf("secret-one");
    EXPECT_TRUE(std::regex_match(minted.token, std::regex("^[0-9a-f]{64}$")));
    EXPECT_EQ(verified_csrf_token(minted.cookie_value, "secret-one"), minted.token);
    EXPECT_FALSE(verified_csrf_token(minted.cookie_value, "secret-two"));
    EXPECT_NE(mint_csrf("secret-one").token, minted.token);
}

TEST(Csrf, BodyTokenMustEqualTheCookieToken)
{
    auto token = csrf_vector().at("token").get<std::string>();
    EXPECT_TRUE(csrf_matches(token, token));
    EXPECT_FALSE(csrf_matches(token, "0000"));
    EXPECT_FALSE(csrf_matches(token, token + "0"));
    EXPECT_FALSE(csrf_matches(token, ""));
    EXPECT_FALSE(csrf_matches("", ""));
}

}
