#include "auth/session_cookie.hpp"

#include "auth/session_token.hpp"
#include "auth_vectors.hpp"
#include "support/matchers.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

using testing::IsOk;

namespace {

constexpr std::string_view kName = "next-auth.session-token";
constexpr Millis kExpires = 1798222466000;

nlohmann::json const& chunking() { return testing::nextauth_vectors().at("v4").at("chunking"); }

std::vector<std::string> names_of(std::vector<SetCookie> const& cookies)
{
    std::vector<std::string> names;
    for (auto const& cookie : cookies)
        names.push_back(cookie.name);
    return names;
}

CookieAttributes plain() { return nextauth_cookie_attributes(CookieSecurity::Plain); }

}

TEST(SessionCookie, SplitsALongTokenLikeNextAuth)
{
    auto const& vector = chunking();
    ASSERT_EQ(vector.at("cookie_name"), kName);
    ASSERT_EQ(vector.at("chunk_size"), kSessionCookieChunkSize);
    auto jwt = vector.at("jwt").get<std::string>();
    ASSERT_EQ(jwt.size(), vector.at("token_length"));

    auto cookies = write_session_token({}, kName, jwt, plain(), kExpires);
    ASSERT_EQ(cookies.size(), vector.at("chunks").size());
    std::string joined;
    for (std::size_t i = 0; i < cookies.size(); ++i) {
        EXPECT_EQ(cookies[i].name, vector.at("chunks").at(i).at("name"));
        EXPECT_EQ(cookies[i].value.size(), vector.at("chunks").at(i).at("length"));
        EXPECT_EQ(cookies[i].attributes.expires, kExpires);
        EXPECT_FALSE(cookies[i].attributes.max_age_seconds);
        joined += cookies[i].value;
    }
    EXPECT_EQ(joined, jwt);
}

TEST(SessionCookie, ReadsChunksInIndexOrderWhateverTheHeaderOrder)
{
    auto jwt = chunking().at("jwt").get<std::string>();
    auto cookies = write_session_token({}, kName, jwt, plain(), kExpires);
    RequestCookies request { { "next-auth.csrf-token", "x|y" } };
    for (auto it = cookies.rbegin(); it != cookies.rend(); ++it)
        request.emplace_back(it->name, it->value);
    EXPECT_EQ(read_session_token(request, kName), jwt);
    // The chunked token is a real next-auth token: it must still decode.
    auto claims = SessionTokenCodec(testing::vector_secret()).decode(read_session_token(request, kName), 1795630127);
    EXPECT_THAT(claims, IsOk());
}

TEST(SessionCookie, ReadsTheTranscriptSessionCookie)
{
    auto const& step = testing::transcript_step("http_flow_seed_config_app_router", "get-session-authenticated");
    auto request = parse_cookie_header(step.at("request").at("headers").at("Cookie").get<std::string>());
    auto token = read_session_token(request, kName);
    EXPECT_EQ(token, *find_cookie(request, kName));
    EXPECT_EQ(read_session_token(request, "__Secure-next-auth.session-token"), "");
}

TEST(SessionCookie, ShortTokenReplacesChunksAndDeletesTheRest)
{
    RequestCookies request { { "next-auth.session-token.0", "a" }, { "other", "x" }, { "next-auth.session-token.1", "b" } };
    auto cookies = write_session_token(request, kName, "short-token", plain(), kExpires);
    EXPECT_EQ(names_of(cookies),
        (std::vector<std::string> { "next-auth.session-token.0", "next-auth.session-token.1", "next-auth.session-token" }));
    EXPECT_EQ(cookies[0].value, "");
    EXPECT_EQ(cookies[0].attributes.max_age_seconds, 0);
    EXPECT_FALSE(cookies[0].attributes.expires);
    EXPECT_EQ(cookies[2].value, "short-token");
    EXPECT_EQ(cookies[2].attributes.expires, kExpires);
}

TEST(SessionCookie, LongTokenReplacesTheWholeCookieAndKeepsChunkPositions)
{
    auto jwt = chunking().at("jwt").get<std::string>();
    RequestCookies request { { "next-auth.session-token", "old" }, { "next-auth.session-token.1", "b" },
        { "next-auth.session-token.2", "c" } };
    auto cookies = write_session_token(request, kName, jwt, plain(), kExpires);
    EXPECT_EQ(names_of(cookies),
        (std::vector<std::string> { "next-auth.session-token", "next-auth.session-token.1", "next-auth.session-token.2",
            "next-auth.session-token.0" }));
    EXPECT_EQ(cookies[0].attributes.max_age_seconds, 0);
    EXPECT_EQ(cookies[1].value.size(), 3036u);
    EXPECT_EQ(cookies[2].attributes.max_age_seconds, 0);
    EXPECT_EQ(cookies[3].value.size(), 3933u);
}

TEST(SessionCookie, RewritingTheSameNameSendsOneCookie)
{
    RequestCookies request { { "next-auth.session-token", "old" } };
    auto cookies = write_session_token(request, kName, "new", plain(), kExpires);
    ASSERT_EQ(cookies.size(), 1u);
    EXPECT_EQ(testing::set_cookie_parts(cookies[0].header_value()),
        testing::set_cookie_parts("next-auth.session-token=new; Path=/; Expires=Fri, 25 Dec 2026 18:14:26 GMT; HttpOnly; SameSite=Lax"));
}

TEST(SessionCookie, ClearingMatchesTheSignoutTranscript)
{
    auto const& step = testing::transcript_step("http_flow_seed_config_app_router", "signout");
    auto request = parse_cookie_header(step.at("request").at("headers").at("Cookie").get<std::string>());
    auto cookies = clear_session_token(request, kName, plain());
    ASSERT_EQ(cookies.size(), 1u);
    EXPECT_EQ(testing::set_cookie_parts(cookies[0].header_value()),
        testing::set_cookie_parts(step.at("response").at("set_cookie").at(1).get<std::string>()));
    EXPECT_TRUE(clear_session_token({ { "next-auth.csrf-token", "x" } }, kName, plain()).empty());
}

}
