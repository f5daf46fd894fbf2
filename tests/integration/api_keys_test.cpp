// API keys end to end: the real mmsgate (both backends), keys made by `mmsgate key create` and by
// the admin API, used with "Authorization: Bearer" over real HTTP and no cookie, and once with the
// real curl command when it is installed.
#include "integration/fixture.hpp"

#include <cstdio>
#include <regex>

namespace mmsgate::testing {
namespace {

class ApiKeysTest : public MmsgateTest {
protected:
    void start_admin(std::map<std::string, std::string> extra = {})
    {
        start_server(std::move(extra));
        add_user(kUserEmail, kUserPassword, true);
        m_client = std::make_unique<HttpClient>(logged_in_client());
    }

    // `mmsgate key create` through the real CLI; the key it printed once.
    std::string create_key_with_cli(std::string const& scopes, std::string const& email = kUserEmail)
    {
        auto [status, output] = run_mmsgate({ "key", "create", "--user", email, "--name", "ci", "--scopes", scopes }, server_environment());
        EXPECT_EQ(status, 0) << output;
        std::smatch match;
        if (!std::regex_search(output, match, std::regex("mmsk_[0-9A-Za-z]{49}")))
            ADD_FAILURE() << "no key in: " << output;
        return match.empty() ? std::string() : match.str();
    }

    // A client without cookies that sends the key.
    HttpReply send_with(std::string const& key, std::string const& text = "Hello with a key")
    {
        HttpClient anonymous(m_server->base_url());
        return anonymous.post_json("/api/send-mms", send_body("+1 415 555 0111", text), { "Authorization: Bearer " + key });
    }

    HttpReply get_with(std::string const& key, std::string const& path, ServerProcess* server = nullptr)
    {
        HttpClient anonymous((server ? server : m_server.get())->base_url());
        return anonymous.get(path, { "Authorization: Bearer " + key });
    }

    std::vector<std::vector<std::string>> audit_rows(std::string const& action)
    {
        return m_database->query("SELECT actor_label, target_id, outcome FROM mmsgate_audit_log WHERE action = '" + action + "'");
    }
};

TEST_P(ApiKeysTest, AKeySendsWithNoCookieAndNoCsrf)
{
    start_admin();
    auto key = create_key_with_cli("messages:send,messages:read");
    auto sent = send_with(key);
    EXPECT_TRUE(is_accepted(sent.status)) << sent.status << sent.body;
    // A browser-like Origin of another site does not matter: a key is not ambient authority.
    HttpClient anonymous(m_server->base_url());
    auto foreign = anonymous.post_json("/api/send-mms", send_body("+1 415 555 0112", "from elsewhere"),
        { "Authorization: Bearer " + key, "Origin: https://elsewhere.example" });
    EXPECT_TRUE(is_accepted(foreign.status)) << foreign.status << foreign.body;
    auto history = get_with(key, "/api/messages");
    EXPECT_EQ(history.status, 200) << history.body;
    // Last use is recorded (time and address).
    EXPECT_TRUE(eventually([&] {
        auto rows = m_database->query("SELECT last_used_address FROM mmsgate_api_key");
        return rows.size() == 1 && rows[0][0] == "127.0.0.1";
    }));
    EXPECT_EQ(audit_rows("key.created").size(), 1u);
}

TEST_P(ApiKeysTest, AReadOnlyKeyCannotSendAndCannotManageKeys)
{
    start_admin();
    auto key = create_key_with_cli("messages:read");
    auto sent = send_with(key);
    EXPECT_EQ(sent.status, 403) << sent.body;
    EXPECT_NE(sent.body.find("messages:send"), std::string::npos) << sent.body;
    EXPECT_EQ(get_with(key, "/api/messages").status, 200);
    EXPECT_EQ(get_with(key, "/api/conversations").status, 403);
    EXPECT_EQ(get_with(key, "/api/webhooks").status, 403);
    auto admin_key = create_key_with_cli("admin");
    EXPECT_EQ(get_with(admin_key, "/api/keys").status, 403) << "a key never manages keys";
    EXPECT_TRUE(simulator().messages().empty());
}

TEST_P(ApiKeysTest, ARevokedKeyIsRefusedAtOnceAndBothStepsAreAudited)
{
    start_admin();
    auto created = m_client->post_json("/api/keys", { { "name", "deploy" }, { "scopes", { "messages:send" } }, { "expiresInDays", 30 } });
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_NE(created.header("cache-control").value_or("").find("no-store"), std::string::npos);
    auto key = created.json().value("key", "");
    auto id = created.json()["apiKey"].value("id", "");
    EXPECT_TRUE(is_accepted(send_with(key).status));
    auto listed = m_client->get("/api/keys");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find(key), std::string::npos) << "a list never shows the key";
    EXPECT_EQ(listed.json()["keys"][0].value("prefix", ""), key.substr(0, 13));

    auto revoked = m_client->post_json("/api/keys/" + id + "/revoke", nlohmann::json::object());
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    auto after = send_with(key);
    EXPECT_EQ(after.status, 401) << after.body;
    EXPECT_EQ(audit_rows("key.created").size(), 1u);
    EXPECT_EQ(audit_rows("key.revoked").size(), 1u);
    auto failures = audit_rows("key.authentication_failed");
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0][0], "key " + key.substr(0, 13) + "…");
    // The failed attempts of one address are audited once a minute, not once per request.
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(send_with(key).status, 401);
    EXPECT_EQ(audit_rows("key.authentication_failed").size(), 1u);
}

TEST_P(ApiKeysTest, AKeyInTheQueryStringIsRefusedAndNeverLogged)
{
    start_admin();
    auto key = create_key_with_cli("messages:read");
    HttpClient anonymous(m_server->base_url());
    for (std::string const& query : std::vector<std::string> { "api_key=" + key, "access_token=" + key, "token=x", "q=" + key }) {
        auto reply = anonymous.get("/api/messages?" + query);
        EXPECT_EQ(reply.status, 400) << query << " " << reply.body;
        EXPECT_NE(reply.body.find("Authorization: Bearer"), std::string::npos) << reply.body;
    }
    // Even with a valid key in the header.
    EXPECT_EQ(get_with(key, "/api/messages?key=" + key).status, 400);
    EXPECT_EQ(m_server->process().output().find(key), std::string::npos) << "the key reached the log";
}

TEST_P(ApiKeysTest, MalformedAndUnknownKeysAre401)
{
    start_admin();
    auto key = create_key_with_cli("messages:read");
    auto wrong_checksum = key;
    wrong_checksum.back() = wrong_checksum.back() == 'a' ? 'b' : 'a';
    EXPECT_EQ(get_with(wrong_checksum, "/api/messages").status, 401);
    EXPECT_EQ(get_with("nonsense", "/api/messages").status, 401);
    EXPECT_EQ(get_with("", "/api/messages").status, 401);
}

TEST_P(ApiKeysTest, ADisabledOwnersKeysStopWithinASecondOnEveryInstance)
{
    start_admin();
    auto key = create_key_with_cli("messages:read");
    std::unique_ptr<TemporaryDirectory> second_data;
    std::unique_ptr<ServerProcess> second;
    if (GetParam() == Backend::Postgres) {
        second_data = std::make_unique<TemporaryDirectory>();
        second = std::make_unique<ServerProcess>(std::vector<std::string> { "serve" },
            server_environment({ { "MMSGATE_DATA_DIR", second_data->path().string() } }), second_data->path());
    }
    std::vector<ServerProcess*> servers { m_server.get() };
    if (second)
        servers.push_back(second.get());
    for (auto* server : servers)
        ASSERT_EQ(get_with(key, "/api/messages", server).status, 200);
    auto [status, output] = run_mmsgate({ "user", "disable", "--email", kUserEmail }, server_environment());
    ASSERT_EQ(status, 0) << output;
    auto disabled_at = std::chrono::steady_clock::now();
    for (auto* server : servers)
        EXPECT_TRUE(eventually([&] { return get_with(key, "/api/messages", server).status == 401; }, std::chrono::seconds(3)));
    // 1 s of cache, plus the polling step and the requests themselves.
    EXPECT_LT(std::chrono::steady_clock::now() - disabled_at, std::chrono::milliseconds(1500));
}

TEST_P(ApiKeysTest, OverTheRateLimitIs429WithRetryAfter)
{
    start_admin({ { "MMSGATE_API_KEY_RATE_LIMIT", "5" } });
    auto key = create_key_with_cli("messages:read");
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(get_with(key, "/api/messages").status, 200) << i;
    auto limited = get_with(key, "/api/messages");
    EXPECT_EQ(limited.status, 429) << limited.body;
    auto retry_after = std::stoi(limited.header("retry-after").value_or("0"));
    EXPECT_GE(retry_after, 1);
    EXPECT_LE(retry_after, 12);
    // Another key has its own allowance.
    EXPECT_EQ(get_with(create_key_with_cli("messages:read"), "/api/messages").status, 200);
}

TEST_P(ApiKeysTest, ScopesBeyondTheOwnersRoleAreRefusedAtCreation)
{
    start_server();
    add_user(kUserEmail, kUserPassword, false);
    auto [status, output] = run_mmsgate(
        { "key", "create", "--user", kUserEmail, "--name", "too much", "--scopes", "messages:send,admin" }, server_environment());
    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("may not use the scope admin"), std::string::npos) << output;
    // A sender manages no keys over HTTP (admins do).
    m_client = std::make_unique<HttpClient>(logged_in_client());
    EXPECT_EQ(m_client->post_json("/api/keys", { { "name", "x" }, { "scopes", { "messages:send" } } }).status, 403);
}

TEST_P(ApiKeysTest, AKeyActsWithItsOwnersRoleOfNow)
{
    start_server();
    add_user(kUserEmail, kUserPassword, false); // a sender
    auto key = create_key_with_cli("messages:send,messages:read");
    ASSERT_TRUE(is_accepted(send_with(key).status));
    auto [status, output] = run_mmsgate({ "user", "role", "--email", kUserEmail, "--role", "viewer" }, server_environment());
    ASSERT_EQ(status, 0) << output;
    // A viewer reads but does not send, with a key made while it could (within the 1 s owner cache).
    EXPECT_TRUE(eventually([&] { return send_with(key, "as a viewer").status == 403; }, std::chrono::seconds(3)));
    EXPECT_EQ(get_with(key, "/api/messages").status, 200);
}

TEST_P(ApiKeysTest, TheCliGivesAViewerNoKeyThatSends)
{
    start_server();
    add_user(kUserEmail, kUserPassword, false);
    auto [role_status, role_output] = run_mmsgate({ "user", "role", "--email", kUserEmail, "--role", "viewer" }, server_environment());
    ASSERT_EQ(role_status, 0) << role_output;
    auto [status, output] = run_mmsgate(
        { "key", "create", "--user", kUserEmail, "--name", "viewer's", "--scopes", "messages:send" }, server_environment());
    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("may not use the scope messages:send"), std::string::npos) << output;
    EXPECT_EQ(create_key_with_cli("messages:read").substr(0, 5), "mmsk_");
}

TEST_P(ApiKeysTest, CurlSendsWithTheKey)
{
    if (std::system("curl --version >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "curl is not installed";
    start_admin();
    auto key = create_key_with_cli("messages:send");
    auto command = "curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer " + key
        + "' -H 'Content-Type: application/json' -d '{\"to\":\"+14155550111\",\"text\":\"from curl\",\"mediaUrl\":\"https://media.example.com/cat.jpg\"}' " + m_server->base_url()
        + "/api/send-mms";
    std::string status;
    if (auto* pipe = popen(command.c_str(), "r")) {
        char buffer[16] = {};
        while (auto read = fread(buffer, 1, sizeof buffer, pipe))
            status.append(buffer, read);
        pclose(pipe);
    }
    EXPECT_TRUE(status == "200" || status == "202") << status;
    EXPECT_TRUE(eventually([&] { return simulator().messages().size() == 1; }));
}

MMSGATE_ON_EVERY_BACKEND(ApiKeysTest);

}
}
