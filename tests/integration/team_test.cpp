// Roles, user administration and the audit log, black-box: a table over every route the server
// registered (it lists them at debug level), invites and reset links, and sessions that end within
// a second of a role change or disabling, on every instance sharing the database.
#include "integration/fixture.hpp"
#include "support/next_second.hpp"

#include <algorithm>
#include <sstream>

namespace mmsgate::testing {
namespace {

constexpr char kSenderEmail[] = "sam.sender@example.com";
constexpr char kViewerEmail[] = "vic.viewer@example.com";
constexpr char kOtherPassword[] = "another good password";

struct Route {
    std::string method;
    std::string pattern;
};

// The routes the server printed at start ("route GET /api/users").
std::vector<Route> registered_routes(std::string const& output)
{
    std::vector<Route> routes;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        auto at = line.find("] route ");
        if (at == std::string::npos)
            continue;
        std::istringstream words(line.substr(at + 8));
        Route route;
        words >> route.method >> route.pattern;
        routes.push_back(route);
    }
    return routes;
}

bool is_write(Route const& route) { return route.method != "GET" && route.method != "HEAD"; }

// A method ("" for any) and a path prefix, with the reason the table treats it so.
struct Rule {
    std::string method;
    std::string prefix;
    std::string reason;

    [[nodiscard]] bool covers(Route const& route) const
    {
        return (method.empty() || method == route.method) && route.pattern.starts_with(prefix);
    }
};

// Routes that need no session at all: the table does not apply to them.
std::vector<Rule> const kPublic {
    { "", "/api/auth/", "NextAuth's sign-in protocol: used before there is a session" },
    { "", "/api/setup", "first-run setup: the setup token is the credential" },
    { "", "/api/invites/", "one-time invite and reset links: the token is the credential" },
    { "", "/api/plivo/", "Plivo's callbacks: signed by Plivo, no session" },
    { "GET", "/api/status", "public server status (sandbox, setup needed)" },
    { "GET", "/healthz", "health check" },
    { "GET", "/readyz", "readiness check" },
    { "GET", "/metrics", "metrics: loopback or bearer token" },
    { "GET", "/api/openapi.json", "the public API description" },
};

// What a sender's role allows (send, reply, read); every other route is an admin's.
std::vector<Rule> const kSenderMay {
    { "", "/api/send-mms", "sending" },
    { "", "/api/messages", "sending, resending and reading the history" },
    { "", "/api/conversations", "reading conversations and replying" },
    { "", "/api/media", "media of messages a sender reads or sends" },
    { "", "/api/sandbox/", "the sandbox's simulated incoming message (sandbox mode only)" },
    { "GET", "/api/suppressions", "suppressions:read" },
    { "POST", "/api/suppressions/confirm-flagged", "confirming an opt-out a contact wrote in other words only stops sending (decisions.md)" },
    { "POST", "/api/uploads", "pictures to send" },
};

// Writes a viewer may make anyway.
std::vector<Rule> const kViewerMayWrite {
    { "POST", "/api/conversations/{id}/read", "marks a conversation read for this user only: changes nothing shared" },
};

bool any_covers(std::vector<Rule> const& rules, Route const& route)
{
    return std::ranges::any_of(rules, [&](Rule const& rule) { return rule.covers(route); });
}

std::string concrete_path(std::string const& pattern)
{
    std::string path;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            path += "x";
            i = pattern.find('}', i);
        } else {
            path += pattern[i];
        }
    }
    return path;
}

class TeamTest : public MmsgateTest {
protected:
    void start_team(std::map<std::string, std::string> extra = {})
    {
        extra.emplace("MMSGATE_LOG_LEVEL", "debug");
        start_server(extra);
        add_user(kUserEmail, kUserPassword, true);
        add_user_with_role(kSenderEmail, "sender");
        add_user_with_role(kViewerEmail, "viewer");
        m_client = std::make_unique<HttpClient>(logged_in_client());
    }

    void add_user_with_role(std::string const& email, std::string const& role)
    {
        auto [status, output] = run_mmsgate({ "user", "add", "--email", email, "--role", role, "--password-stdin" },
            server_environment(), std::string(kOtherPassword) + "\n");
        ASSERT_EQ(status, 0) << output;
    }

    HttpClient client_for(std::string const& email, std::string const& password = kOtherPassword)
    {
        HttpClient client(m_server->base_url());
        auto reply = client.login(email, password);
        EXPECT_EQ(reply.status, 200) << email << ": " << reply.body;
        return client;
    }

    std::string user_id(std::string const& email)
    {
        auto reply = m_client->get("/api/users");
        EXPECT_EQ(reply.status, 200) << reply.body;
        auto listed = reply.json(); // named: a range-for over a temporary's member would dangle
        for (auto const& user : listed["users"]) {
            if (user["email"] == email)
                return user["id"];
        }
        return {};
    }

    nlohmann::json audit(std::string const& query = {})
    {
        auto reply = m_client->get("/api/audit" + (query.empty() ? "" : "?" + query));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.status == 200 ? reply.json()["entries"] : nlohmann::json::array();
    }
};

TEST_P(TeamTest, EveryWriteRouteRefusesAViewerAndEveryAdminRouteRefusesASender)
{
    start_team();
    auto routes = registered_routes(m_server->process().output());
    ASSERT_GT(routes.size(), 20u) << m_server->process().output();
    auto viewer = client_for(kViewerEmail);
    auto sender = client_for(kSenderEmail);
    int checked = 0;
    for (auto const& route : routes) {
        if (any_covers(kPublic, route))
            continue;
        auto path = concrete_path(route.pattern);
        bool admin_route = !any_covers(kSenderMay, route);
        std::string body = is_write(route) ? "{}" : "";
        std::vector<std::string> headers { "Content-Type: application/json" };
        if (admin_route) {
            auto reply = sender.request(route.method, path, body, headers, 5000);
            EXPECT_EQ(reply.status, 403) << "sender: " << route.method << " " << route.pattern << " " << reply.body;
            ++checked;
        }
        if ((is_write(route) || admin_route) && !any_covers(kViewerMayWrite, route)) {
            auto reply = viewer.request(route.method, path, body, headers, 5000);
            EXPECT_EQ(reply.status, 403) << "viewer: " << route.method << " " << route.pattern << " " << reply.body;
            ++checked;
        }
    }
    EXPECT_GT(checked, 15);
    // The admin is not refused by the same table (a route that refused everyone would pass it).
    EXPECT_EQ(m_client->get("/api/users").status, 200);
    EXPECT_EQ(m_client->get("/api/audit").status, 200);
    EXPECT_EQ(m_client->get("/api/webhooks").status, 200);
    // The session says which role it has; the UI reads it.
    EXPECT_EQ(viewer.get("/api/auth/session").json()["user"]["role"], "viewer");
    EXPECT_EQ(sender.get("/api/auth/session").json()["user"]["role"], "sender");
    EXPECT_EQ(m_client->get("/api/auth/session").json()["user"]["role"], "admin");
}

TEST_P(TeamTest, AnInvitedPersonSetsAPasswordOnceAndSignsInWithTheInvitedRole)
{
    start_team();
    auto invited = m_client->post_json("/api/users/invites", { { "email", "nina.new@example.com" }, { "role", "sender" } });
    ASSERT_EQ(invited.status, 201) << invited.body;
    std::string link = invited.json()["link"];
    auto token = link.substr(link.rfind('/') + 1);
    EXPECT_EQ(link, m_server->base_url() + "/invite/" + token);

    HttpClient stranger(m_server->base_url());
    auto described = stranger.get("/api/invites/" + token);
    ASSERT_EQ(described.status, 200) << described.body;
    EXPECT_EQ(described.json()["email"], "nina.new@example.com");
    EXPECT_EQ(described.json()["kind"], "invite");
    EXPECT_EQ(stranger.post_json("/api/invites/" + token, { { "password", "short" } }).status, 400);
    EXPECT_EQ(stranger.post_json("/api/invites/" + token, { { "password", kOtherPassword } }, { "Sec-Fetch-Site: cross-site" }).status, 403);
    auto accepted = stranger.post_json("/api/invites/" + token, { { "name", "Nina" }, { "password", kOtherPassword } });
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    // Once only.
    EXPECT_EQ(stranger.post_json("/api/invites/" + token, { { "password", kOtherPassword } }).status, 404);
    EXPECT_EQ(stranger.get("/api/invites/" + token).status, 404);

    auto nina = client_for("nina.new@example.com");
    EXPECT_EQ(nina.get("/api/auth/session").json()["user"]["role"], "sender");
    EXPECT_EQ(nina.get("/api/users").status, 403);

    auto entries = audit();
    auto has = [&](std::string const& action, std::string const& label) {
        return std::ranges::any_of(entries, [&](auto const& entry) { return entry["action"] == action && entry["actorLabel"] == label; });
    };
    EXPECT_TRUE(has("user.invited", kUserEmail)) << entries.dump(1);
    EXPECT_TRUE(has("user.created", "nina.new@example.com")) << entries.dump(1);
    EXPECT_TRUE(has("sign_in.succeeded", "nina.new@example.com")) << entries.dump(1);
    // The database holds a hash, never the token.
    auto stored = m_database->query("SELECT token_hash FROM mmsgate_user_token");
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0][0].find(token), std::string::npos);
    EXPECT_EQ(stored[0][0].size(), 64u);
}

TEST_P(TeamTest, AResetLinkSetsANewPasswordAndEndsOlderSessions)
{
    start_team();
    auto sender = client_for(kSenderEmail);
    // A session's issue time is in whole seconds, and a password change ends the sessions issued in
    // a second before it: let that second pass, or the session just made would rightly survive.
    wait_for_the_next_whole_second();
    auto reset = m_client->post_json("/api/users/" + user_id(kSenderEmail) + "/password-reset", nlohmann::json::object());
    ASSERT_EQ(reset.status, 201) << reset.body;
    std::string link = reset.json()["link"];
    auto token = link.substr(link.rfind('/') + 1);
    EXPECT_NE(link.find("/reset-password/"), std::string::npos);
    HttpClient stranger(m_server->base_url());
    ASSERT_EQ(stranger.post_json("/api/invites/" + token, { { "password", "a brand new password" } }).status, 201);
    EXPECT_TRUE(eventually([&] { return sender.get("/api/messages").status == 401; }, std::chrono::seconds(3)));
    client_for(kSenderEmail, "a brand new password");
    auto entries = audit("action=user.");
    EXPECT_TRUE(std::ranges::any_of(entries, [](auto const& entry) { return entry["action"] == "user.password_changed"; })) << entries.dump(1);
}

TEST_P(TeamTest, TheLastAdminCannotBeDemotedOrDisabled)
{
    start_team();
    auto me = user_id(kUserEmail);
    EXPECT_EQ(m_client->request("PATCH", "/api/users/" + me, R"({"role":"sender"})", { "Content-Type: application/json" }).status, 422);
    EXPECT_EQ(m_client->request("PATCH", "/api/users/" + me, R"({"disabled":true})", { "Content-Type: application/json" }).status, 422);
    EXPECT_EQ(m_client->get("/api/users").status, 200);
    // With a second admin, the first may step down.
    auto sender = user_id(kSenderEmail);
    ASSERT_EQ(m_client->request("PATCH", "/api/users/" + sender, R"({"role":"admin"})", { "Content-Type: application/json" }).status, 200);
    EXPECT_EQ(m_client->request("PATCH", "/api/users/" + me, R"({"role":"viewer"})", { "Content-Type: application/json" }).status, 200);
}

TEST_P(TeamTest, FailedSignInsAreAuditedWithTheClientAddressAndExportedAsCsv)
{
    start_team();
    HttpClient guesser(m_server->base_url());
    EXPECT_NE(guesser.login(kSenderEmail, "wrong password").status, 200);
    auto entries = audit("action=sign_in.failed");
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries[0]["actorLabel"], kSenderEmail);
    EXPECT_EQ(entries[0]["outcome"], "failure");
    EXPECT_EQ(entries[0]["clientAddress"], "127.0.0.1");
    // Paging: one entry per page, then the next.
    auto first = m_client->get("/api/audit?limit=1").json();
    ASSERT_TRUE(first["nextCursor"].is_string());
    auto second = m_client->get("/api/audit?limit=1&cursor=" + first["nextCursor"].get<std::string>()).json();
    ASSERT_EQ(second["entries"].size(), 1u);
    EXPECT_NE(second["entries"][0]["id"], first["entries"][0]["id"]);
    auto csv = m_client->get("/api/audit/export.csv?action=sign_in.");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.rfind("\"occurred_at\",\"action\"", 0), 0u) << csv.body;
    EXPECT_NE(csv.body.find("\"sign_in.failed\""), std::string::npos);
}

// One instance changes an account; the other instance's sessions of it end within a second
// (sessions are checked against an account read at most kUserRecheckInterval ago).
TEST_P(TeamTest, DisablingOrChangingARoleEndsSessionsOnEveryInstanceWithinASecond)
{
    if (GetParam() != Backend::Postgres)
        GTEST_SKIP() << "several instances share only a PostgreSQL database";
    start_team();
    TemporaryDirectory second_data;
    ServerProcess second({ "serve" }, server_environment({ { "MMSGATE_DATA_DIR", second_data.path().string() } }), second_data.path());
    auto on_second = [&](std::string const& email) {
        HttpClient client(second.base_url());
        EXPECT_EQ(client.login(email, kOtherPassword).status, 200);
        return client;
    };
    auto sender = on_second(kSenderEmail);
    auto viewer = on_second(kViewerEmail);
    ASSERT_EQ(sender.get("/api/messages").status, 200);
    ASSERT_EQ(viewer.get("/api/messages").status, 200);

    auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(m_client->request("PATCH", "/api/users/" + user_id(kSenderEmail), R"({"disabled":true})", { "Content-Type: application/json" }).status, 200);
    ASSERT_TRUE(eventually([&] { return sender.get("/api/messages").status == 401; }, std::chrono::seconds(5)));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));

    started = std::chrono::steady_clock::now();
    ASSERT_EQ(m_client->request("PATCH", "/api/users/" + user_id(kViewerEmail), R"({"role":"admin"})", { "Content-Type: application/json" }).status, 200);
    ASSERT_TRUE(eventually([&] { return viewer.get("/api/messages").status == 401; }, std::chrono::seconds(5)));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1500));
    // A new sign-in carries the new role.
    EXPECT_EQ(on_second(kViewerEmail).get("/api/auth/session").json()["user"]["role"], "admin");
    EXPECT_EQ(HttpClient(second.base_url()).login(kSenderEmail, kOtherPassword).status, 401);
}

MMSGATE_ON_EVERY_BACKEND(TeamTest);

}
}
