// Probes of issue 12's authentication findings, each replaying the attack against a real server:
// claiming first-run setup without the printed token, password guessing and login storms, a
// timing oracle for accounts with cheaper hashes, live streams that outlive a disabled account,
// world-readable data files, spreadsheet formulas in the CSV export.
#include "integration/fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

namespace mmsgate::testing {

namespace {

// Behind a declared proxy (the test's loopback connection is the "proxy":
// MMSGATE_TRUSTED_PROXIES=127.0.0.1), which passes the public name on as Host, as it must.
constexpr char kPublicHost[] = "mmsgate.test";
constexpr char kMetricsToken[] = "metrics-token-for-the-probes";
std::map<std::string, std::string> behind_proxy(std::map<std::string, std::string> extra = {})
{
    extra["MMSGATE_TRUSTED_PROXIES"] = "127.0.0.1";
    extra["NEXTAUTH_URL"] = std::string("http://") + kPublicHost;
    extra["MMSGATE_METRICS_TOKEN"] = kMetricsToken;
    return extra;
}

// The server's login as next-auth/react runs it, from the client a trusted proxy names.
HttpReply login_from(HttpClient& client, std::string const& forwarded_for, std::string const& email, std::string const& password)
{
    std::vector<std::string> headers { std::string("Host: ") + kPublicHost };
    if (!forwarded_for.empty())
        headers.push_back("X-Forwarded-For: " + forwarded_for);
    auto csrf = client.get("/api/auth/csrf", headers).json().value("csrfToken", "");
    return client.post_form("/api/auth/callback/credentials",
        { { "email", email }, { "password", password }, { "csrfToken", csrf }, { "json", "true" } }, headers);
}

// The fastest of three wrong-password logins for `email`, each from its own address (no throttling).
double fastest_wrong_password(HttpClient& client, std::string const& email, int first_address)
{
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        auto started = std::chrono::steady_clock::now();
        EXPECT_EQ(login_from(client, "203.0.113." + std::to_string(first_address + i), email, "wrong password").status, 401);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    return best;
}

int mode_of(std::filesystem::path const& path)
{
    struct stat info {};
    if (stat(path.c_str(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

long metric_value(std::string const& exposition, std::string const& series)
{
    auto at = exposition.find(series + " ");
    if (at == std::string::npos)
        return -1;
    return std::stol(exposition.substr(at + series.size() + 1));
}

// A raw HTTP/1.1 connection that stays open (the test client waits for whole answers).
class RawConnection {
public:
    explicit RawConnection(int port)
    {
        m_socket = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(std::uint16_t(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot connect to the server");
        timeval timeout { 1, 0 };
        setsockopt(m_socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    ~RawConnection() { close(m_socket); }
    RawConnection(RawConnection const&) = delete;
    RawConnection& operator=(RawConnection const&) = delete;

    void send(std::string const& text) { ASSERT_EQ(::send(m_socket, text.data(), text.size(), 0), ssize_t(text.size())); }
    // Reads what arrives within about a second; false once the server has closed the connection.
    bool read_some()
    {
        char buffer[4096];
        auto count = recv(m_socket, buffer, sizeof buffer, 0);
        if (count == 0)
            return false;
        if (count > 0)
            m_received.append(buffer, std::size_t(count));
        return true;
    }
    [[nodiscard]] std::string const& received() const { return m_received; }

private:
    int m_socket = -1;
    std::string m_received;
};

}

class AuthProbes : public MmsgateTest { };

TEST_P(AuthProbes, SetupWithoutThePrintedTokenIsRefusedEvenThroughARebindingHost)
{
    start_server();
    auto token = setup_token();
    ASSERT_EQ(token.size(), 48u) << m_server->process().output();
    EXPECT_EQ(mode_of(m_data.path() / "setup-token"), 0600);
    HttpClient client(m_server->base_url());
    EXPECT_EQ(client.get("/api/status").json()["setupRequired"], true);
    nlohmann::json body { { "email", "mallory@example.com" }, { "password", "long enough password" }, { "name", "Mallory" } };
    // DNS rebinding: the attacker's page, same-origin with itself, posting to this server.
    auto rebound = client.post_json("/api/setup", body, { "Host: rebind.attacker.example", "Origin: http://rebind.attacker.example" });
    EXPECT_TRUE(rebound.status == 403 || rebound.status == 421) << rebound.status << " " << rebound.body; // 421: the Host check
    EXPECT_EQ(client.post_json("/api/setup", body).status, 403);
    body["token"] = std::string(token.size(), '0');
    auto wrong = client.post_json("/api/setup", body);
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(wrong.json()["field"], "token");
    EXPECT_NE(wrong.json()["error"].get<std::string>().find("setup link printed by the server"), std::string::npos) << wrong.body;
    EXPECT_EQ(client.get("/api/status").json()["setupRequired"], true);

    body["token"] = token;
    body["email"] = kUserEmail;
    auto created = client.post_json("/api/setup", body);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_FALSE(std::filesystem::exists(m_data.path() / "setup-token"));
    EXPECT_EQ(client.post_json("/api/setup", body).status, 409);
}

TEST_P(AuthProbes, TheSetupTokenIsGoneOnceUserAddCreatedAnAccount)
{
    start_server();
    auto token = setup_token();
    ASSERT_TRUE(std::filesystem::exists(m_data.path() / "setup-token"));
    add_user(kUserEmail, kUserPassword, true);
    EXPECT_FALSE(std::filesystem::exists(m_data.path() / "setup-token"));
    HttpClient client(m_server->base_url());
    auto late = client.post_json("/api/setup", { { "email", "eve@example.com" }, { "password", "long enough password" }, { "token", token } });
    EXPECT_EQ(late.status, 409) << late.body;
    // A restart with an account prints no link.
    stop_server();
    start_server();
    EXPECT_EQ(m_server->process().output().find("/setup?token="), std::string::npos);
}

TEST_P(AuthProbes, PasswordGuessingFromOneAddressIsSlowedDownWithRetryAfter)
{
    start_with_user(behind_proxy());
    HttpClient guesser(m_server->base_url());
    // Five failures are free; the sixth starts the waiting, so the seventh attempt is refused.
    int first_refused = -1;
    for (int i = 0; i < 10 && first_refused < 0; ++i) {
        auto reply = login_from(guesser, "203.0.113.66", "guess" + std::to_string(i) + "@example.com", "password");
        if (reply.status == 429)
            first_refused = i;
        else
            EXPECT_EQ(reply.status, 401);
    }
    EXPECT_EQ(first_refused, 6);
    // Even the right password waits: the address is throttled, not the guess.
    auto refused = login_from(guesser, "203.0.113.66", kUserEmail, kUserPassword);
    ASSERT_EQ(refused.status, 429) << refused.body;
    ASSERT_TRUE(refused.header("retry-after"));
    EXPECT_GE(std::stoi(*refused.header("retry-after")), 1);
    // next-auth/react's signIn() reads the error from the body's url.
    EXPECT_NE(refused.json()["url"].get<std::string>().find("error=TooManyAttempts"), std::string::npos) << refused.body;
    // Another client is not affected, and the failed attempts were logged with the client address.
    HttpClient someone(m_server->base_url());
    EXPECT_EQ(login_from(someone, "198.51.100.20", kUserEmail, kUserPassword).status, 200);
    EXPECT_NE(m_server->process().output().find("login failed client=203.0.113.66"), std::string::npos);
    EXPECT_NE(m_server->process().output().find("login throttled client=203.0.113.66"), std::string::npos);
    auto metrics = HttpClient(m_server->base_url()).get("/metrics", { std::string("Authorization: Bearer ") + kMetricsToken }).body;
    EXPECT_EQ(metric_value(metrics, "mmsgate_login_attempts_total{outcome=\"failure\"}"), 6) << metrics.substr(0, 3000);
    EXPECT_EQ(metric_value(metrics, "mmsgate_login_attempts_total{outcome=\"throttled\"}"), 2);
    EXPECT_EQ(metric_value(metrics, "mmsgate_login_attempts_total{outcome=\"success\"}"), 1);
}

TEST_P(AuthProbes, GuessingOneAccountFromManyAddressesCannotLockItsOwnerOut)
{
    start_with_user(behind_proxy());
    HttpClient owner(m_server->base_url());
    ASSERT_EQ(login_from(owner, "198.51.100.7", kUserEmail, kUserPassword).status, 200);
    // A botnet: each address fails once or twice, the account many times.
    HttpClient botnet(m_server->base_url());
    int throttled = 0;
    for (int i = 0; i < 8; ++i) {
        auto reply = login_from(botnet, "203.0.113." + std::to_string(10 + i), kUserEmail, "guess " + std::to_string(i));
        throttled += reply.status == 429;
    }
    EXPECT_GE(throttled, 1) << "the account was never throttled";
    EXPECT_EQ(login_from(botnet, "203.0.113.99", kUserEmail, kUserPassword).status, 429);
    // The owner, from the address they signed in from before, still gets in.
    EXPECT_EQ(login_from(owner, "198.51.100.7", kUserEmail, kUserPassword).status, 200);
}

TEST_P(AuthProbes, ALoginStormIsAnsweredBusyInsteadOfDelayingEveryone)
{
    // Cost 12: each check takes a few hundred ms; the queue admits 0.1 s of work per password thread
    // (at least 2 checks each), far fewer than the storm on any machine of up to 20 cores.
    start_with_user(behind_proxy({ { "MMSGATE_BCRYPT_COST", "12" }, { "MMSGATE_LOGIN_QUEUE_MS", "100" } }));
    constexpr int kStorm = 48;
    std::atomic<int> busy = 0;
    std::atomic<int> unexpected = 0;
    std::vector<std::thread> storm;
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < kStorm; ++i) {
        storm.emplace_back([&, i] {
            HttpClient client(m_server->base_url());
            auto reply = login_from(client, "203.0.113." + std::to_string(i + 1), "junk" + std::to_string(i) + "@example.com", "junk");
            if (reply.status == 429 && reply.header("retry-after"))
                ++busy;
            // 0: a connection refused by a per-address connection cap, also a fast answer.
            else if (reply.status != 401 && reply.status != 0)
                ++unexpected;
        });
    }
    for (auto& thread : storm)
        thread.join();
    auto storm_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(unexpected, 0);
    EXPECT_GE(busy, 1) << kStorm << " concurrent cost-12 checks all queued (" << storm_seconds << " s)";
    auto metrics = HttpClient(m_server->base_url()).get("/metrics", { std::string("Authorization: Bearer ") + kMetricsToken }).body;
    EXPECT_GE(metric_value(metrics, "mmsgate_login_attempts_total{outcome=\"busy\"}"), 1) << metrics.substr(0, 3000);
}

TEST_P(AuthProbes, AWrongPasswordForACheaperStoredHashIsNotFasterThanAnUnknownAccount)
{
    // The CLI stores cost 4 (the fixture's setting), the server is configured for cost 10: like a
    // seed user (cost 10) under mmsgate's 12.
    start_server(behind_proxy({ { "MMSGATE_BCRYPT_COST", "10" } }));
    add_user(kUserEmail, kUserPassword);
    HttpClient client(m_server->base_url());
    auto fastest = [&](std::string const& email, int first_address) { return fastest_wrong_password(client, email, first_address); };
    (void)fastest("warm-up@example.com", 100);
    auto existing = fastest(kUserEmail, 10);
    auto unknown = fastest("nobody@example.com", 20);
    // Cost 4 against cost 10 is 64 times less work; padded, the two match (loose bound: shared machine).
    EXPECT_GT(existing * 2, unknown) << "existing " << existing << " s, unknown " << unknown << " s";

    // The next successful login stores the password at the configured cost; sessions stay valid.
    ASSERT_EQ(login_from(client, "198.51.100.1", kUserEmail, kUserPassword).status, 200);
    EXPECT_TRUE(eventually([&] {
        auto rows = m_database->query("SELECT \"password\" FROM \"User\" WHERE \"email\" = 'alice@example.com'");
        return !rows.empty() && rows[0][0].starts_with("$2b$10$");
    }));
    EXPECT_EQ(client.get("/api/messages", { std::string("Host: ") + kPublicHost }).status, 200);
}

TEST_P(AuthProbes, AnUnknownAccountIsNotFasterThanAWrongPasswordForACostlierStoredHash)
{
    // The server is configured for cost 4 (the fixture's), the account was stored at cost 10: like a
    // seed user of cost 14 under mmsgate's 12. Unknown e-mails must cost what that hash costs.
    start_server(behind_proxy());
    auto [status, output] = run_mmsgate({ "user", "add", "--email", kUserEmail, "--name", "Alice Example", "--password-stdin" },
        server_environment({ { "MMSGATE_BCRYPT_COST", "10" } }), std::string(kUserPassword) + "\n");
    ASSERT_EQ(status, 0) << output;
    HttpClient client(m_server->base_url());
    auto fastest = [&](std::string const& email, int first_address) { return fastest_wrong_password(client, email, first_address); };
    (void)fastest("warm-up@example.com", 100);
    // Unknown first: the server must know the costly hash before any login has read it.
    auto unknown = fastest("nobody@example.com", 20);
    auto existing = fastest(kUserEmail, 10);
    // Cost 4 against cost 10 is 64 times less work (loose bound: shared machine).
    EXPECT_GT(unknown * 2, existing) << "existing " << existing << " s, unknown " << unknown << " s";
}

TEST_P(AuthProbes, ABurstOfParallelGuessesFromOneAddressIsThrottledLikeSequentialOnes)
{
    // Cost 10 and a generous queue: the guesses are all in flight before the first one has failed.
    start_with_user(behind_proxy({ { "MMSGATE_BCRYPT_COST", "10" }, { "MMSGATE_LOGIN_QUEUE_MS", "60000" } }));
    constexpr int kBurst = 24;
    std::atomic<int> failed = 0;
    std::atomic<int> throttled = 0;
    std::vector<std::thread> burst;
    for (int i = 0; i < kBurst; ++i) {
        burst.emplace_back([&, i] {
            HttpClient client(m_server->base_url());
            auto reply = login_from(client, "203.0.113.77", "guess" + std::to_string(i) + "@example.com", "password");
            failed += reply.status == 401;
            throttled += reply.status == 429;
        });
    }
    for (auto& thread : burst)
        thread.join();
    // Five free failures and the sixth that starts the waiting, as in sequence; the rest refused.
    EXPECT_EQ(failed, 6) << throttled << " throttled";
    EXPECT_GE(throttled, 1);
}

TEST_P(AuthProbes, AnOversizedEmailIsRefusedBeforeItReachesTheThrottle)
{
    start_with_user(behind_proxy());
    HttpClient attacker(m_server->base_url());
    // Many distinct huge e-mails: each would be a map key of its own size.
    for (int i = 0; i < 8; ++i) {
        auto reply = login_from(attacker, "203.0.113.88", std::to_string(i) + std::string(5000, 'x') + "@example.com", "password");
        ASSERT_EQ(reply.status, 400) << reply.body.substr(0, 300);
        EXPECT_NE(reply.json()["url"].get<std::string>().find("error=CredentialsSignin"), std::string::npos) << reply.body;
    }
    EXPECT_NE(m_server->process().output().find("e-mail address too long client=203.0.113.88"), std::string::npos);
    // Refused without a password check, so not counted: the address can still sign in.
    EXPECT_EQ(login_from(attacker, "203.0.113.88", kUserEmail, kUserPassword).status, 200);
}

TEST_P(AuthProbes, SigningInBetweenGuessesDoesNotLetAUserSprayOtherAccounts)
{
    start_with_user(behind_proxy());
    HttpClient sprayer(m_server->base_url());
    int refused_at = -1;
    for (int i = 0; i < 12 && refused_at < 0; ++i) {
        auto guess = login_from(sprayer, "203.0.113.99", "victim" + std::to_string(i) + "@example.com", "Spring2026!");
        if (guess.status == 429)
            refused_at = i;
        else
            EXPECT_EQ(guess.status, 401);
        // The sprayer's own account, between guesses.
        (void)login_from(sprayer, "203.0.113.99", kUserEmail, kUserPassword);
    }
    EXPECT_EQ(refused_at, 6);
}

TEST_P(AuthProbes, AnOpenMessageStreamEndsSoonAfterTheAccountIsDisabled)
{
    start_signed_in({ { "MMSGATE_STREAM_RECHECK_MS", "1000" } });
    RawConnection stream(m_server->port());
    std::string cookies;
    for (auto const& [name, value] : m_client->cookies())
        cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
    stream.send("GET /api/messages/stream HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(m_server->port()) + "\r\nAccept: text/event-stream\r\nCookie: " + cookies + "\r\n\r\n");
    ASSERT_TRUE(eventually([&] { return !stream.read_some() || stream.received().find("event: ready") != std::string::npos; },
        std::chrono::seconds(5)))
        << stream.received();
    ASSERT_NE(stream.received().find("event: ready"), std::string::npos) << stream.received();

    auto [status, output] = run_mmsgate({ "user", "disable", "--email", kUserEmail }, server_environment());
    ASSERT_EQ(status, 0) << output;
    auto disabled_at = std::chrono::steady_clock::now();
    bool open = true;
    while (open && std::chrono::steady_clock::now() - disabled_at < std::chrono::seconds(20))
        open = stream.read_some();
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - disabled_at).count();
    EXPECT_FALSE(open) << "the stream was still open 20 s after the account was disabled";
    EXPECT_LT(seconds, 5.0);
}

TEST_P(AuthProbes, TheDataDirectoryAndEveryFileInItAreForTheServiceUserOnly)
{
    std::filesystem::permissions(m_data.path(), std::filesystem::perms(0755), std::filesystem::perm_options::replace);
    {
        std::ofstream leftover(m_data.path() / "instance-id");
        leftover << "0123456789abcdef\n";
    }
    std::filesystem::permissions(m_data.path() / "instance-id", std::filesystem::perms(0644), std::filesystem::perm_options::replace);
    start_signed_in();
    ASSERT_EQ(m_client->post_json("/api/send-mms", send_body()).status, 200); // the database has written
    EXPECT_EQ(mode_of(m_data.path()), 0700);
    for (auto const& entry : std::filesystem::directory_iterator(m_data.path())) {
        if (entry.is_regular_file()) {
            EXPECT_EQ(mode_of(entry.path()), 0600) << entry.path();
        }
    }
    if (GetParam() == Backend::Sqlite) {
        for (auto const* suffix : { "", "-wal", "-shm" }) {
            auto path = m_database->url() + suffix;
            if (std::filesystem::exists(path)) {
                EXPECT_EQ(mode_of(path), 0600) << path;
            }
        }
    }
}

TEST_P(AuthProbes, CsvExportNeutralisesFormulasButKeepsPhoneNumbersReadable)
{
    // (Texts are trimmed when sent, so a leading TAB or CR cannot be stored this way; the cell
    // writer's unit test covers them.)
    start_signed_in();
    for (auto const* text : { "=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", "-2+3" })
        ASSERT_EQ(m_client->post_json("/api/send-mms", send_body("+1 415 555 0113", text)).status, 200);
    auto csv = m_client->get("/api/messages/export.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("\"'=HYPERLINK("), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("\"'@SUM(A1)\""), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("\"'-2+3\""), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find(",\"+14155550113\","), std::string::npos) << csv.body;
    EXPECT_EQ(csv.body.find("'+1"), std::string::npos) << csv.body;
}

MMSGATE_ON_EVERY_BACKEND(AuthProbes);

}
