#include "auth/session_claims.hpp"

#include "auth/cookies.hpp"
#include "auth/session_token.hpp"
#include "auth_vectors.hpp"
#include "support/matchers.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

using testing::IsOk;

namespace {

constexpr char const* kSeedFlow = "http_flow_seed_config_app_router";

SessionUser alice() { return SessionUser { "clx0user0000000000000001", "Alice Example", "alice@example.com", std::nullopt }; }

// The claims inside the session cookie a transcript step's request carried (decoded at its iat).
Claims request_token_claims(std::string const& step_name)
{
    auto const& step = testing::transcript_step(kSeedFlow, step_name);
    auto cookies = parse_cookie_header(step.at("request").at("headers").at("Cookie").get<std::string>());
    auto token = find_cookie(cookies, "next-auth.session-token").value();
    SessionTokenCodec codec(testing::vector_secret());
    // Decode far before expiry first, to read iat; then decode "now" at that iat, like the real server.
    auto claims = codec.decode(token, 1700000000);
    EXPECT_THAT(claims, IsOk());
    return *claims;
}

Claims without_times(Claims claims)
{
    for (auto const* name : { "iat", "exp", "jti" })
        claims.erase(name);
    return claims;
}

}

TEST(SessionClaims, LoginClaimsMatchWhatTheSeedPutInItsToken)
{
    auto const& step = testing::transcript_step(kSeedFlow, "signin-credentials-ok");
    auto cookie = parse_cookie_header(testing::set_cookie_value(step, "next-auth.session-token").insert(0, "t="));
    auto real = SessionTokenCodec(testing::vector_secret()).decode(cookie.at(0).second, 1700000000);
    ASSERT_THAT(real, IsOk());
    // Same keys, values and order: name, email, picture, sub, id.
    EXPECT_EQ(serialize_claims(session_claims_for(alice())), serialize_claims(without_times(*real)));
}

TEST(SessionClaims, SessionBodyMatchesTheSeedTranscriptByteForByte)
{
    for (auto const* step_name : { "get-session-authenticated", "post-session-update" }) {
        SCOPED_TRACE(step_name);
        auto const& step = testing::transcript_step(kSeedFlow, step_name);
        auto expected = step.at("response").at("body").get<std::string>();
        auto expires = nlohmann::json::parse(expected).at("expires").get<std::string>();
        // The server's "now" is expires - 30 days; take the milliseconds from the transcript itself.
        auto expires_millis = Millis(std::stoll(expires.substr(20, 3)));
        auto body = session_response_body(request_token_claims(step_name),
            Millis(1798222466) * 1000 + expires_millis - kSessionMaxAgeSeconds * 1000, kSessionMaxAgeSeconds);
        ASSERT_EQ(expires.substr(0, 19), "2026-12-25T18:14:26") << "transcript changed: adjust the base time";
        EXPECT_EQ(body, expected);
    }
}

TEST(SessionClaims, MissingClaimsAreOmittedAndNullsKept)
{
    Claims token = Claims::object();
    token["name"] = nullptr;
    token["sub"] = "u1";
    auto body = session_response_body(token, 0, 60);
    EXPECT_EQ(body, R"({"user":{"name":null},"expires":"1970-01-01T00:01:00.000Z"})");
}

TEST(SessionClaims, TheAccountsRoleIsAddedToTheUser)
{
    Claims token = Claims::object();
    token["id"] = "u1";
    EXPECT_EQ(session_response_body(token, 0, 60, "viewer"), R"({"user":{"id":"u1","role":"viewer"},"expires":"1970-01-01T00:01:00.000Z"})");
    EXPECT_EQ(session_response_body(Claims::object(), 0, 60, "admin"), R"({"user":{"role":"admin"},"expires":"1970-01-01T00:01:00.000Z"})");
}

TEST(SessionClaims, BodyEscapesAsJsonStringifyDoes)
{
    Claims token = Claims::object();
    token["name"] = "Zoë \"Z\" \\ \t\x01";
    token["email"] = "plain@example.com";
    token["picture"] = 42;
    token["id"] = "u1";
    auto body = session_response_body(token, 0, 60);
    EXPECT_EQ(body, R"({"user":{"name":"Zoë \"Z\" \\ \t\u0001","email":"plain@example.com","image":42,"id":"u1"},)"
                    R"("expires":"1970-01-01T00:01:00.000Z"})");
    EXPECT_FALSE(nlohmann::json::parse(body, nullptr, false).is_discarded());
}

TEST(SessionClaims, NullColumnsBecomeNullClaims)
{
    auto claims = session_claims_for(SessionUser { "u1", std::nullopt, std::nullopt, "https://example.com/a.png" });
    EXPECT_EQ(serialize_claims(claims), R"({"name":null,"email":null,"picture":"https://example.com/a.png","sub":"u1","id":"u1"})");
}

TEST(SessionClaims, UserIdComesFromIdThenSub)
{
    EXPECT_EQ(session_user_id(session_claims_for(alice())), "clx0user0000000000000001");
    Claims default_config = Claims::object();
    default_config["sub"] = "from-sub";
    EXPECT_EQ(session_user_id(default_config), "from-sub");
    Claims neither = Claims::object();
    neither["id"] = 42;
    EXPECT_FALSE(session_user_id(neither));
    EXPECT_FALSE(session_user_id(Claims::object()));
}

}
