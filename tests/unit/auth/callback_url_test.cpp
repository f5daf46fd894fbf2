#include "auth/callback_url.hpp"

#include "auth/cookies.hpp"
#include "auth_vectors.hpp"
#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

constexpr char const* kOrigin = "http://localhost:3400";

std::string body_callback_url(nlohmann::json const& step)
{
    return form_value(parse_form(step.at("request").at("body").get<std::string>()), "callbackUrl").value();
}

}

TEST(CallbackUrl, ReproducesTheTranscriptRedirects)
{
    constexpr char const* kFlow = "http_flow_seed_config_app_router";
    // Absolute, same origin: stored in the callback-url cookie as given.
    auto const& bad_password = testing::transcript_step(kFlow, "signin-credentials-bad-password");
    auto stored = parse_cookie_header("c=" + testing::set_cookie_value(bad_password, "next-auth.callback-url")).at(0).second;
    EXPECT_EQ(resolve_callback_url(body_callback_url(bad_password), kOrigin), stored);
    // Relative: anchored to the origin, and that is where the 302 goes.
    auto const& form_post = testing::transcript_step(kFlow, "signin-credentials-ok-no-json-flag (html form post)");
    EXPECT_EQ(body_callback_url(form_post), "/dashboard");
    EXPECT_EQ(resolve_callback_url(body_callback_url(form_post), kOrigin), form_post.at("response").at("headers").at("location"));
    auto const& signout = testing::transcript_step(kFlow, "signout");
    auto url = nlohmann::json::parse(signout.at("response").at("body").get<std::string>()).at("url");
    EXPECT_EQ(resolve_callback_url(body_callback_url(signout), kOrigin), url);
}

TEST(CallbackUrl, NeverLeavesTheOrigin)
{
    EXPECT_EQ(resolve_callback_url("/", kOrigin), "http://localhost:3400/");
    EXPECT_EQ(resolve_callback_url("/send?x=1#y", kOrigin), "http://localhost:3400/send?x=1#y");
    EXPECT_EQ(resolve_callback_url("http://localhost:3400", kOrigin), "http://localhost:3400");
    EXPECT_EQ(resolve_callback_url("HTTP://LocalHost:3400/History", kOrigin), "HTTP://LocalHost:3400/History");
    EXPECT_EQ(resolve_callback_url("http://localhost/x", "http://localhost:80"), "http://localhost/x");
    for (auto const* hostile : { "//evil.example/x", "https://evil.example/", "http://localhost:3401/", "https://localhost:3400/",
             "http://localhost:3400.evil.example/", "http://user@evil.example", "javascript:alert(1)", "dashboard", "",
             "data:text/html,hi", "\\\\evil.example" }) {
        SCOPED_TRACE(hostile);
        EXPECT_EQ(resolve_callback_url(hostile, kOrigin), kOrigin);
    }
}

TEST(CallbackUrl, ReadsHostsAsBrowsersDo)
{
    // Browsers end the host at '\' and strip tabs and newlines: each of these leaves the origin.
    for (auto const* hostile : { "http://evil.example\\@localhost:3400/", "http://evil.example\\.localhost:3400/",
             "http:\\\\evil.example/", "http:/\\evil.example/", "/\\evil.example/", "http://evil.example#@localhost:3400/",
             "http://evil.example?@localhost:3400/" }) {
        SCOPED_TRACE(hostile);
        EXPECT_EQ(resolve_callback_url(hostile, kOrigin), kOrigin);
    }
    // Equal origins however they are written (browsers agree).
    EXPECT_EQ(resolve_callback_url("http://localhost:3400\\history", kOrigin), "http://localhost:3400\\history");
    EXPECT_EQ(resolve_callback_url("http://127.1:3400/", "http://127.0.0.1:3400"), "http://127.1:3400/");
}

TEST(CallbackUrl, RefusesControlCharactersThatWouldReachTheLocationHeader)
{
    for (std::string hostile : { std::string("/x\r\nSet-Cookie: a=b"), std::string("/x\nRefresh: 0;url=//evil.example"),
             std::string("http://localhost:3400/\r\nX: y"), std::string("/x\0y", 4), std::string("/x\ty"),
             std::string("http://localhost:3400/a b"), std::string("/\x7f") }) {
        SCOPED_TRACE(hostile);
        EXPECT_EQ(resolve_callback_url(hostile, kOrigin), kOrigin);
    }
}

}
