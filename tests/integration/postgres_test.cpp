// PostgreSQL-only acceptance tests (issue #6): a database the seed app made with Prisma, and two
// instances sharing one database (and surviving the death of one). The restart test is in
// postgres_restart_test.cpp. The simulator's record is the judge of "exactly once"; every send
// carries a unique text.
#include "integration/fixture.hpp"
#include "support/vectors.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <set>
#include <thread>

namespace mmsgate::testing {

namespace {

// Prisma's output for the seed schema (docs/nextauth-compat.md section 7), copied here on purpose:
// the test must not build the seed database with the code under test.
constexpr char kPrismaDdl[] = R"sql(
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMP(3),
    "password" TEXT,
    "image" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
)sql";

// The table `prisma migrate` keeps its history in.
constexpr char kPrismaMigrationsDdl[] = R"sql(
CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);
)sql";

constexpr std::array kPrismaTableNames { "_prisma_migrations", "User", "Account", "Session", "VerificationToken" };

std::string joined(std::vector<std::string> const& values)
{
    std::string text;
    for (auto const& value : values)
        text += (text.empty() ? "" : " | ") + value;
    return text;
}

// Everything about the Prisma tables a change by mmsgate could touch: columns, indexes,
// constraints, triggers and every row as PostgreSQL prints it.
std::vector<std::string> prisma_snapshot(TestDatabase const& database)
{
    std::vector<std::string> lines;
    auto add = [&](std::string const& table, std::string const& kind, std::string const& sql) {
        for (auto const& row : database.query(sql))
            lines.push_back(table + " " + kind + ": " + joined(row));
    };
    for (std::string table : kPrismaTableNames) {
        auto quoted = "'\"" + table + "\"'::regclass";
        add(table, "column",
            "SELECT column_name, data_type, coalesce(character_maximum_length::text, ''), coalesce(datetime_precision::text, ''), "
            "is_nullable, coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' AND "
            "table_name = '" + table + "' ORDER BY ordinal_position");
        add(table, "index", "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = '" + table + "' ORDER BY indexname");
        add(table, "constraint", "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = " + quoted + " ORDER BY conname");
        // Internal triggers come from foreign keys, also from mmsgate's own tables that refer to "User".
        add(table, "trigger", "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = " + quoted + " ORDER BY tgname");
        add(table, "row", "SELECT t::text FROM \"" + table + "\" t ORDER BY 1");
    }
    return lines;
}

// The lines only one side has, for a readable failure message.
std::string difference(std::vector<std::string> const& before, std::vector<std::string> const& after)
{
    std::string text;
    for (auto const& line : before) {
        if (std::find(after.begin(), after.end(), line) == after.end())
            text += "\n  - " + line;
    }
    for (auto const& line : after) {
        if (std::find(before.begin(), before.end(), line) == before.end())
            text += "\n  + " + line;
    }
    return text;
}

std::string session_email(HttpClient& client)
{
    auto session = client.get("/api/auth/session").json();
    return session.contains("user") ? session["user"].value("email", "") : "";
}

}

class PostgresTest : public MmsgateTest { };

TEST_P(PostgresTest, SeedDatabaseIsUsedAsItIsAndLeftAlone)
{
    auto const& vector = nextauth_vectors()["bcrypt"]["random_salt"][1];
    auto password = vector["password"].get<std::string>();
    auto hash = vector["hash"].get<std::string>();
    m_database->execute(kPrismaDdl);
    m_database->execute(kPrismaMigrationsDdl);
    m_database->execute(
        "INSERT INTO \"_prisma_migrations\" VALUES ('4f3c2b1a-0d9e-4c8b-a7f6-5e4d3c2b1a09', "
        "'a3f1c0e2b4d6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081', '2025-06-01 10:00:01.234+00', "
        "'20250601100000_init', NULL, NULL, '2025-06-01 10:00:00.987+00', 1)");
    m_database->execute("INSERT INTO \"User\" VALUES ('clx0seed0000000000000001', 'Seed Person', 'seed@example.com', "
                        "'2025-06-01 10:05:00.123', '" + hash + "', 'https://example.com/seed.png')");
    m_database->execute("INSERT INTO \"Account\" VALUES ('clx0acct0000000000000001', 'clx0seed0000000000000001', 'oauth', "
                        "'github', '4242', 'refresh', 'access', 1790000000, 'bearer', 'read:user', NULL, NULL)");
    m_database->execute("INSERT INTO \"Session\" VALUES ('clx0sess0000000000000001', 'seed-session-token', "
                        "'clx0seed0000000000000001', '2030-01-01 00:00:00.000')");
    m_database->execute("INSERT INTO \"VerificationToken\" VALUES ('seed@example.com', 'seed-verify-token', '2030-01-01 00:00:00.000')");
    auto before = prisma_snapshot(*m_database);
    ASSERT_GT(before.size(), 30u);

    // At the seed hash's own bcrypt cost: a login at another cost stores the password again at the
    // configured one (issue 12; tests/security/auth_probes_test.cpp), which is a write.
    std::map<std::string, std::string> seed_cost { { "MMSGATE_BCRYPT_COST", std::to_string(std::stoi(hash.substr(4, 2))) } };
    start_server(seed_cost);
    HttpClient client(m_server->base_url());
    auto login = client.login("seed@example.com", password);
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(session_email(client), "seed@example.com");
    EXPECT_EQ(client.login("seed@example.com", password + "!").status, 401);

    auto sent = client.post_json("/api/send-mms", send_body("+1 415 555 0111", "seed database send"));
    ASSERT_EQ(sent.status, 200) << sent.body;
    auto recorded = simulator().messages();
    ASSERT_EQ(recorded.size(), 1u) << recorded.dump();
    EXPECT_EQ(recorded[0]["request"]["text"], "seed database send");

    // The seed user is never written to (login and sending only read it); a restart changes nothing either.
    stop_server();
    start_server(seed_cost);
    auto after = prisma_snapshot(*m_database);
    EXPECT_EQ(after, before) << difference(before, after);
}

TEST_P(PostgresTest, TwoInstancesShareTheWorkAndTheSurvivorFinishesIt)
{
    // Short Plivo timeouts allow a short lease, so the survivor takes over within seconds.
    std::map<std::string, std::string> settings { { "MMSGATE_DISPATCH_LEASE_MS", "3000" },
        { "MMSGATE_PLIVO_TIMEOUT_MS", "1000" }, { "MMSGATE_PLIVO_CONNECT_TIMEOUT_MS", "500" },
        { "MMSGATE_PLIVO_RATE_LIMIT", "100000" }, { "MMSGATE_SEND_WAIT_MS", "0" } };
    simulator().set_faults({ { "latency_ms", 100 } });
    // The first instance takes sends faster than it hands them to Plivo, so it dies with a backlog.
    settings["MMSGATE_PLIVO_MAX_CONCURRENT"] = "4";
    auto& first = start_server(settings);
    settings.erase("MMSGATE_PLIVO_MAX_CONCURRENT");
    add_user(kUserEmail, kUserPassword);
    TemporaryDirectory second_data;
    settings["MMSGATE_DATA_DIR"] = second_data.path().string();
    settings["MMSGATE_SEND_WAIT_MS"] = "2000"; // this one answers 200 once Plivo took the message
    ServerProcess second({ "serve" }, server_environment(settings), second_data.path());

    // A session from either instance works on the other (same NEXTAUTH_SECRET, same users).
    HttpClient on_first = logged_in_client();
    HttpClient on_second(second.base_url());
    on_second.cookies() = on_first.cookies();
    EXPECT_EQ(session_email(on_second), kUserEmail);
    HttpClient second_login(second.base_url());
    ASSERT_EQ(second_login.login(kUserEmail, kUserPassword).status, 200);
    HttpClient back_on_first(first.base_url());
    back_on_first.cookies() = second_login.cookies();
    EXPECT_EQ(session_email(back_on_first), kUserEmail);

    constexpr int kSends = 1000;
    constexpr int kThreads = 16;
    struct Outcome {
        long status = -1;
        int instance = 0;
        std::string body;
    };
    std::vector<Outcome> outcomes(kSends);
    std::atomic<int> next { 0 };
    std::atomic<int> answered { 0 };
    auto text_of = [](int i) { return "scale-out send " + std::to_string(i); };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::array<HttpClient, 2> clients { HttpClient(first.base_url()), HttpClient(second.base_url()) };
            clients[0].cookies() = clients[1].cookies() = on_first.cookies();
            int instance = t % 2;
            for (int i; (i = next++) < kSends;) {
                auto reply = clients[instance].post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(5000 + i), text_of(i)));
                outcomes[i] = { reply.status, instance, reply.body };
                ++answered;
                if (reply.status == 0)
                    instance = 1; // its instance is gone: a load balancer would send the rest elsewhere
            }
        });
    }
    EXPECT_TRUE(eventually([&] { return answered >= 300; }, std::chrono::seconds(60))); // (no ASSERT: threads run)
    first.process().signal(SIGKILL);
    auto killed_at = answered.load();
    auto reached_before_kill = deliveries_by_text(simulator().messages());
    for (auto& thread : threads)
        thread.join();
    (void)first.process().wait();

    std::set<std::string> accepted;
    std::set<std::string> unanswered;
    int accepted_by_first = 0;
    int left_behind = 0; // accepted by the first instance, not yet at Plivo when it died
    for (int i = 0; i < kSends; ++i) {
        auto const& outcome = outcomes[i];
        if (is_accepted(outcome.status)) {
            accepted.insert(text_of(i));
            accepted_by_first += outcome.instance == 0;
            left_behind += outcome.instance == 0 && !reached_before_kill.contains(text_of(i));
        } else {
            EXPECT_TRUE(outcome.status == 0 && outcome.instance == 0) << i << ": " << outcome.status << " " << outcome.body;
            unanswered.insert(text_of(i));
        }
    }
    EXPECT_GT(accepted_by_first, 100) << "killed after " << killed_at << " answers";
    EXPECT_GT(left_behind, 20) << "the kill should leave accepted work behind";
    EXPECT_GE(accepted.size(), std::size_t(kSends - kThreads));

    // Everything the dead instance accepted but had not finished is taken over when its leases run out.
    ASSERT_TRUE(eventually(
        [&] {
            return m_database->query("SELECT count(*) FROM mmsgate_send_request WHERE dispatch_state = 'pending'")[0][0] == "0";
        },
        std::chrono::seconds(40)));
    auto counts = deliveries_by_text(simulator().messages());
    for (auto const& text : accepted)
        EXPECT_EQ(counts[text], 1) << "accepted '" << text << "' reached Plivo " << counts[text] << " times";
    for (auto const& text : unanswered)
        EXPECT_LE(counts[text], 1) << "unanswered '" << text << "' reached Plivo " << counts[text] << " times";
    for (auto const& [text, count] : counts)
        EXPECT_TRUE(accepted.contains(text) || unanswered.contains(text)) << text;

    // The killed instance comes back on its old address and serves the sessions it issued. It joins
    // a live instance, so it first lets that one shrink to its share of Plivo's limits (window + 1 s).
    settings["MMSGATE_DATA_DIR"] = m_data.path().string();
    settings["MMSGATE_SEND_WAIT_MS"] = "10000";
    settings["MMSGATE_LISTEN"] = "127.0.0.1:" + std::to_string(first.port());
    auto& restarted = start_server(settings);
    HttpClient again(restarted.base_url());
    again.cookies() = on_first.cookies();
    EXPECT_EQ(session_email(again), kUserEmail);
    auto reply = again.post_json("/api/send-mms", send_body("+1 415 555 6999", "after the restart"));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(deliveries_by_text(simulator().messages())["after the restart"], 1);
}

TEST_P(PostgresTest, TwoInstancesKeepTogetherWithinPlivosAccountLimits)
{
    // Plivo counts requests per account: the simulator refuses with 429 over 20 per second or 6 at
    // once. Each instance is configured with the account's limits (16 per second, 5 at once, a margin
    // for the network's jitter); without sharing them the two would start up to 32 a second.
    simulator().set_limits({ { "requests_per_window", 20 }, { "window_ms", 1000 }, { "max_concurrent", 6 } });
    simulator().set_faults({ { "latency_ms", 250 } });
    std::map<std::string, std::string> settings { { "MMSGATE_PLIVO_RATE_LIMIT", "16" },
        { "MMSGATE_PLIVO_RATE_WINDOW_MS", "1000" }, { "MMSGATE_PLIVO_MAX_CONCURRENT", "5" },
        { "MMSGATE_SEND_WAIT_MS", "0" } };
    auto& first = start_server(settings);
    add_user(kUserEmail, kUserPassword);
    TemporaryDirectory second_data;
    settings["MMSGATE_DATA_DIR"] = second_data.path().string();
    ServerProcess second({ "serve" }, server_environment(settings), second_data.path());
    HttpClient signed_in = logged_in_client();
    EXPECT_TRUE(eventually([&] { return m_database->query("SELECT count(*) FROM mmsgate_instance")[0][0] == "2"; },
        std::chrono::seconds(5)));

    constexpr int kSends = 120;
    auto text_of = [](int i) { return "shared limits " + std::to_string(i); };
    std::atomic<int> next { 0 };
    std::vector<long> statuses(kSends, -1);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            HttpClient client(t % 2 == 0 ? first.base_url() : second.base_url());
            client.cookies() = signed_in.cookies();
            for (int i; (i = next++) < kSends;)
                statuses[std::size_t(i)] = client.post_json("/api/send-mms", send_body("+1 415 555 " + std::to_string(7000 + i), text_of(i))).status;
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (int i = 0; i < kSends; ++i)
        EXPECT_TRUE(is_accepted(statuses[std::size_t(i)])) << i << ": " << statuses[std::size_t(i)];

    ASSERT_TRUE(eventually(
        [&] {
            return m_database->query("SELECT count(*) FROM mmsgate_send_request WHERE dispatch_state = 'pending'")[0][0] == "0";
        },
        std::chrono::seconds(40)));
    auto limits = simulator().limits();
    EXPECT_EQ(limits["rate_limited"], 0) << limits.dump();
    EXPECT_LE(limits["peak_concurrent"].get<int>(), 6) << limits.dump();
    auto counts = deliveries_by_text(simulator().messages());
    for (int i = 0; i < kSends; ++i)
        EXPECT_EQ(counts[text_of(i)], 1) << text_of(i);
}

MMSGATE_ON_POSTGRES_ONLY(PostgresTest);

}