#include "auth/cookies.hpp"

#include "auth_vectors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace mmsgate {

namespace {

std::optional<Millis> expires_of(std::string const& header)
{
    auto at = header.find("Expires=");
    if (at == std::string::npos)
        return std::nullopt;
    std::tm parts {};
    std::istringstream in(header.substr(at + 8, 29));
    in >> std::get_time(&parts, "%a, %d %b %Y %H:%M:%S GMT");
    return Millis(timegm(&parts)) * 1000;
}

}

TEST(Cookies, ParsesTheRequestHeadersOfTheTranscripts)
{
    auto const& step = testing::transcript_step("http_flow_seed_config_app_router", "get-session-authenticated");
    auto cookies = parse_cookie_header(step.at("request").at("headers").at("Cookie").get<std::string>());
    ASSERT_EQ(cookies.size(), 3u);
    EXPECT_EQ(cookies[0].first, "next-auth.csrf-token");
    EXPECT_EQ(cookies[1].first, "next-auth.callback-url");
    EXPECT_EQ(cookies[2].first, "next-auth.session-token");
    EXPECT_NE(cookies[0].second.find('|'), std::string::npos);
    EXPECT_EQ(cookies[1].second, "http://localhost:3400/dashboard");
    EXPECT_TRUE(cookies[2].second.starts_with("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.."));
    EXPECT_EQ(find_cookie(cookies, "next-auth.callback-url"), "http://localhost:3400/dashboard");
    EXPECT_FALSE(find_cookie(cookies, "next-auth.callback"));
}

TEST(Cookies, ParsesEdgeCasesLikeTheCookiePackage)
{
    // Expected results printed by cookie@0.7.2 parse() under Node 20.
    using Pairs = RequestCookies;
    EXPECT_EQ(parse_cookie_header("a=1; b=2"), (Pairs { { "a", "1" }, { "b", "2" } }));
    EXPECT_EQ(parse_cookie_header("  a = 1 ;b=\"quoted\""), (Pairs { { "a", "1" }, { "b", "quoted" } }));
    EXPECT_EQ(parse_cookie_header("a=1; a=2"), (Pairs { { "a", "1" } }));
    EXPECT_EQ(parse_cookie_header("a=%7Cb"), (Pairs { { "a", "|b" } }));
    EXPECT_EQ(parse_cookie_header("a=%zz%7C"), (Pairs { { "a", "%zz%7C" } }));
    EXPECT_EQ(parse_cookie_header("a=%FF"), (Pairs { { "a", "%FF" } }));
    EXPECT_EQ(parse_cookie_header("k=%C0%AF"), (Pairs { { "k", "%C0%AF" } }));
    EXPECT_EQ(parse_cookie_header("a=%E2%82%AC"), (Pairs { { "a", "\xe2\x82\xac" } }));
    EXPECT_EQ(parse_cookie_header("noequals; a=1"), (Pairs { { "a", "1" } }));
    EXPECT_EQ(parse_cookie_header("x=1;;y=2"), (Pairs { { "x", "1" }, { "y", "2" } }));
    EXPECT_EQ(parse_cookie_header("=v; k=w"), (Pairs { { "", "v" }, { "k", "w" } }));
    EXPECT_EQ(parse_cookie_header("a=b=c"), (Pairs { { "a", "b=c" } }));
    EXPECT_EQ(parse_cookie_header("a=\"x"), (Pairs { { "a", "\"x" } }));
    EXPECT_EQ(parse_cookie_header("a=\""), (Pairs { { "a", "" } }));
    EXPECT_EQ(parse_cookie_header("a= \"v\" "), (Pairs { { "a", "v" } }));
    EXPECT_TRUE(parse_cookie_header("").empty());
    EXPECT_TRUE(parse_cookie_header("a").empty());
}

TEST(Cookies, SerialisesLikeTheCookiePackage)
{
    // Expected strings printed by cookie@0.7.2 serialize() under Node 20.
    CookieAttributes deletion = nextauth_cookie_attributes(CookieSecurity::Secure);
    deletion.max_age_seconds = 0;
    EXPECT_EQ((SetCookie { "n", "a|b: /\xc3\xa9", deletion }.header_value()),
        "n=a%7Cb%3A%20%2F%C3%A9; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax");
    CookieAttributes session = nextauth_cookie_attributes(CookieSecurity::Plain);
    session.expires = 1798222466123;
    EXPECT_EQ((SetCookie { "n", "x", session }.header_value()), "n=x; Path=/; Expires=Fri, 25 Dec 2026 18:14:26 GMT; HttpOnly; SameSite=Lax");
}

TEST(Cookies, ReproducesEverySetCookieOfTheSeedTranscript)
{
    auto attributes = nextauth_cookie_attributes(CookieSecurity::Plain);
    for (auto const& step : testing::nextauth_vectors().at("v4").at("http_flow_seed_config_app_router")) {
        for (auto const& header_json : step.at("response").at("set_cookie")) {
            auto header = header_json.get<std::string>();
            SCOPED_TRACE(header);
            auto name = header.substr(0, header.find('='));
            auto value = parse_cookie_header(header.substr(0, header.find(';'))).at(0).second;
            SetCookie ours { name, value, attributes };
            ours.attributes.expires = expires_of(header);
            if (header.find("; Max-Age=0") != std::string::npos)
                ours.attributes.max_age_seconds = 0;
            EXPECT_EQ(testing::set_cookie_parts(ours.header_value()), testing::set_cookie_parts(header));
        }
    }
}

TEST(Cookies, NamesForPlainAndSecureMode)
{
    auto plain = nextauth_cookie_names(CookieSecurity::Plain);
    EXPECT_EQ(plain.session_token, "next-auth.session-token");
    EXPECT_EQ(plain.csrf_token, "next-auth.csrf-token");
    EXPECT_EQ(plain.callback_url, "next-auth.callback-url");
    auto secure = nextauth_cookie_names(CookieSecurity::Secure);
    EXPECT_EQ(secure.session_token, "__Secure-next-auth.session-token");
    EXPECT_EQ(secure.csrf_token, "__Host-next-auth.csrf-token");
    EXPECT_EQ(secure.callback_url, "__Secure-next-auth.callback-url");
    EXPECT_EQ(cookie_security_for("https://mms.example.com"), CookieSecurity::Secure);
    EXPECT_EQ(cookie_security_for("http://localhost:3400"), CookieSecurity::Plain);
    EXPECT_TRUE(nextauth_cookie_attributes(CookieSecurity::Secure).secure);
    EXPECT_FALSE(nextauth_cookie_attributes(CookieSecurity::Plain).secure);
}

}
