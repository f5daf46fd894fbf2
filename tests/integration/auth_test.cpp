// NextAuth-compatible login through the real binary: csrf -> login -> session -> signout, and
// everything that must refuse a session.
#include "integration/fixture.hpp"
#include "support/next_second.hpp"
#include "support/vectors.hpp"

namespace mmsgate::testing {

class AuthTest : public MmsgateTest {
protected:
    void prepare() override { start_with_user(); }
};

TEST_P(AuthTest, CsrfLoginSessionSignout)
{
    HttpClient client(m_server->base_url());
    auto csrf = client.get("/api/auth/csrf");
    ASSERT_EQ(csrf.status, 200);
    auto token = csrf.json().value("csrfToken", "");
    EXPECT_EQ(token.size(), 64u);
    EXPECT_EQ(csrf.header("cache-control"), "private, no-cache, no-store");
    ASSERT_TRUE(client.cookies().contains("next-auth.csrf-token"));

    auto providers = client.get("/api/auth/providers").json();
    EXPECT_EQ(providers["credentials"]["callbackUrl"], m_server->base_url() + "/api/auth/callback/credentials");

    EXPECT_EQ(client.get("/api/auth/session").json(), nlohmann::json::object());

    auto login = client.post_form("/api/auth/callback/credentials",
        { { "email", kUserEmail }, { "password", kUserPassword }, { "csrfToken", token },
            { "callbackUrl", m_server->base_url() + "/send-mms" }, { "json", "true" } });
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(login.json()["url"], m_server->base_url() + "/send-mms");
    ASSERT_TRUE(client.cookies().contains("next-auth.session-token"));
    auto set_cookie = login.headers_named("set-cookie");
    bool session_cookie_flags = false;
    for (auto const& value : set_cookie) {
        if (value.starts_with("next-auth.session-token="))
            session_cookie_flags = value.find("HttpOnly") != std::string::npos && value.find("SameSite=Lax") != std::string::npos
                && value.find("Path=/") != std::string::npos && value.find("Expires=") != std::string::npos;
    }
    EXPECT_TRUE(session_cookie_flags);

    auto first_token = client.cookies()["next-auth.session-token"];
    auto session = client.get("/api/auth/session");
    ASSERT_EQ(session.status, 200);
    auto body = session.json();
    EXPECT_EQ(body["user"]["email"], kUserEmail);
    EXPECT_EQ(body["user"]["name"], "Alice Example");
    EXPECT_TRUE(body["user"]["id"].is_string());
    EXPECT_TRUE(body["expires"].is_string());
    // Sliding expiry: the session read re-issued the cookie.
    EXPECT_NE(client.cookies()["next-auth.session-token"], first_token);

    auto signout = client.post_form("/api/auth/signout",
        { { "csrfToken", client.csrf_token() }, { "callbackUrl", m_server->base_url() + "/login" }, { "json", "true" } });
    ASSERT_EQ(signout.status, 200) << signout.body;
    EXPECT_EQ(signout.json()["url"], m_server->base_url() + "/login");
    EXPECT_FALSE(client.cookies().contains("next-auth.session-token"));
    EXPECT_EQ(client.get("/api/auth/session").json(), nlohmann::json::object());
}

TEST_P(AuthTest, WrongPasswordAndUnknownEmailLookTheSame)
{
    HttpClient wrong_password(m_server->base_url());
    auto first = wrong_password.login(kUserEmail, "not the password");
    HttpClient unknown_email(m_server->base_url());
    auto second = unknown_email.login("nobody@example.com", kUserPassword);
    EXPECT_EQ(first.status, 401);
    EXPECT_EQ(second.status, 401);
    EXPECT_EQ(first.body, second.body);
    EXPECT_EQ(first.json()["url"], m_server->base_url() + "/api/auth/error?error=CredentialsSignin&provider=credentials");
    EXPECT_FALSE(wrong_password.cookies().contains("next-auth.session-token"));
}

TEST_P(AuthTest, MissingOrWrongCsrfTokenIsRefused)
{
    HttpClient client(m_server->base_url());
    (void)client.csrf_token();
    for (std::string token : { "", "0000000000000000000000000000000000000000000000000000000000000000" }) {
        auto reply = client.post_form("/api/auth/callback/credentials",
            { { "email", kUserEmail }, { "password", kUserPassword }, { "csrfToken", token }, { "json", "true" } });
        EXPECT_EQ(reply.status, 403) << reply.body;
        EXPECT_NE(reply.json().value("url", "").find("error=MissingCSRF"), std::string::npos);
        EXPECT_FALSE(client.cookies().contains("next-auth.session-token"));
    }
    // A token minted for another browser (its own cookie) does not match this one's cookie.
    HttpClient other(m_server->base_url());
    auto foreign = other.csrf_token();
    auto reply = client.post_form("/api/auth/callback/credentials",
        { { "email", kUserEmail }, { "password", kUserPassword }, { "csrfToken", foreign }, { "json", "true" } });
    EXPECT_EQ(reply.status, 403);
}

TEST_P(AuthTest, TamperedExpiredOrForeignCookiesAreLoggedOut)
{
    auto client = logged_in_client();
    auto token = client.cookies()["next-auth.session-token"];
    ASSERT_FALSE(token.empty());

    auto tampered = token;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    // A token the real next-auth minted with another secret (tests/vectors).
    std::string foreign = nextauth_vectors()["v4"]["deterministic"]["jwt"];
    for (auto const& bad : { tampered, foreign, std::string("garbage") }) {
        HttpClient anonymous(m_server->base_url());
        anonymous.cookies()["next-auth.session-token"] = bad;
        auto session = anonymous.get("/api/auth/session");
        EXPECT_EQ(session.status, 200);
        EXPECT_EQ(session.json(), nlohmann::json::object()) << bad;
        // Cleared once, so the browser stops sending it.
        EXPECT_FALSE(anonymous.cookies().contains("next-auth.session-token"));
        EXPECT_EQ(anonymous.post_json("/api/send-mms", send_body()).status, 401);
    }
}

TEST_P(AuthTest, OversizedBodiesGet413)
{
    HttpClient client(m_server->base_url());
    std::string big(1024 * 1024 + 1, 'x');
    auto reply = client.request("POST", "/api/send-mms", big, { "Content-Type: application/json" });
    EXPECT_EQ(reply.status, 413);
    EXPECT_EQ(reply.json()["success"], false);
}

TEST_P(AuthTest, DisabledUsersSessionStopsWorking)
{
    auto client = logged_in_client();
    ASSERT_EQ(client.get("/api/messages").status, 200);
    auto [status, output] = run_mmsgate({ "user", "disable", "--email", kUserEmail }, server_environment());
    ASSERT_EQ(status, 0) << output;
    // Session checks rely on an account they read less than kUserRecheckInterval (1 s) ago.
    EXPECT_TRUE(eventually([&] { return client.get("/api/messages").status == 401; }, std::chrono::seconds(3)));
    EXPECT_EQ(client.get("/api/auth/session").json(), nlohmann::json::object());
    EXPECT_EQ(HttpClient(m_server->base_url()).login(kUserEmail, kUserPassword).status, 401);

    auto [enabled, enable_output] = run_mmsgate({ "user", "enable", "--email", kUserEmail }, server_environment());
    ASSERT_EQ(enabled, 0) << enable_output;
    EXPECT_EQ(HttpClient(m_server->base_url()).login(kUserEmail, kUserPassword).status, 200);
}

TEST_P(AuthTest, PasswordChangeEndsEarlierSessions)
{
    auto client = logged_in_client();
    // A session's issue time is in whole seconds, and a password change ends the sessions issued in
    // a second before it: let that second pass.
    wait_for_the_next_whole_second();
    auto [status, output] = run_mmsgate({ "user", "passwd", "--email", kUserEmail, "--password-stdin" }, server_environment(),
        "another long password\n");
    ASSERT_EQ(status, 0) << output;
    EXPECT_TRUE(eventually([&] { return client.get("/api/messages").status == 401; }, std::chrono::seconds(3)));
    EXPECT_EQ(HttpClient(m_server->base_url()).login(kUserEmail, "another long password").status, 200);
}

TEST_P(AuthTest, SigninPageRedirectsToLogin)
{
    HttpClient client(m_server->base_url());
    auto reply = client.get("/api/auth/signin?callbackUrl=%2Fmessages");
    EXPECT_EQ(reply.status, 302);
    EXPECT_EQ(reply.header("location"), "/login?callbackUrl=" + std::string("http%3A%2F%2F127.0.0.1%3A")
            + std::to_string(m_server->port()) + "%2Fmessages");
}

MMSGATE_ON_EVERY_BACKEND(AuthTest);

}
