#include "config/config.hpp"

#include "support/matchers.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace mmsgate {

using testing::HasError;
using testing::IsOk;

namespace {

constexpr char kSecret[] = "0123456789abcdef0123456789abcdef-secret";

}

TEST(Config, EmptyEnvironmentMeansSandboxOnLocalhost)
{
    auto config = load_config(Environment::from_map({}));
    ASSERT_THAT(config, IsOk());
    EXPECT_TRUE(config->sandbox);
    EXPECT_EQ(config->http.listen_host, "127.0.0.1");
    EXPECT_EQ(config->http.listen_port, 3000);
    EXPECT_EQ(config->nextauth_url, "http://localhost:3000");
    EXPECT_FALSE(config->secure_cookies);
    EXPECT_FALSE(config->uses_postgres());
    EXPECT_EQ(config->sqlite_path(), "data/mmsgate.db");
}

TEST(Config, ReportsEveryBadVariableAtOnce)
{
    auto config = load_config(Environment::from_map({
        { "NEXTAUTH_SECRET", "short" },
        { "NEXTAUTH_URL", "not a url" },
        { "PLIVO_AUTH_ID", "MA0123456789ABCDEFGH" },
        { "PLIVO_AUTH_TOKEN", "token" },
        { "PLIVO_SENDER_NUMBER", "4155550100" },
        { "MMSGATE_LISTEN", "nowhere" },
        { "MMSGATE_BCRYPT_COST", "99" },
    }));
    ASSERT_THAT(config, HasError(ErrorCode::InvalidArgument));
    auto const& message = config.error().message;
    for (auto name : { "NEXTAUTH_SECRET: too short", "NEXTAUTH_URL", "PLIVO_SENDER_NUMBER", "MMSGATE_LISTEN",
             "MMSGATE_BCRYPT_COST" })
        EXPECT_NE(message.find(name), std::string::npos) << name << " missing from: " << message;
    EXPECT_EQ(message.find("token"), std::string::npos) << "a secret value leaked into: " << message;
}

TEST(Config, RetryBackoffIsConfigurable)
{
    auto defaults = load_config(Environment::from_map({}));
    ASSERT_THAT(defaults, IsOk());
    EXPECT_EQ(defaults->dispatch.retry_first_delay, std::chrono::seconds(1));
    EXPECT_EQ(defaults->dispatch.retry_longest_delay, std::chrono::seconds(60));
    auto fast = load_config(
        Environment::from_map({ { "MMSGATE_RETRY_FIRST_DELAY_MS", "200" }, { "MMSGATE_RETRY_LONGEST_DELAY_MS", "1000" } }));
    ASSERT_THAT(fast, IsOk());
    EXPECT_EQ(fast->dispatch.retry_first_delay, std::chrono::milliseconds(200));
    EXPECT_EQ(fast->dispatch.retry_longest_delay, std::chrono::milliseconds(1000));
    auto inverted = load_config(
        Environment::from_map({ { "MMSGATE_RETRY_FIRST_DELAY_MS", "2000" }, { "MMSGATE_RETRY_LONGEST_DELAY_MS", "1000" } }));
    ASSERT_THAT(inverted, HasError(ErrorCode::InvalidArgument));
    EXPECT_NE(inverted.error().message.find("MMSGATE_RETRY_LONGEST_DELAY_MS"), std::string::npos);
}

TEST(Config, OptOutSettingsHaveSafeDefaultsAndAreChecked)
{
    auto defaults = load_config(Environment::from_map({}));
    ASSERT_THAT(defaults, IsOk());
    EXPECT_FALSE(defaults->optout.per_number);
    EXPECT_TRUE(defaults->optout.confirmation);
    EXPECT_NE(defaults->optout.help_text.find("Msg & data rates may apply"), std::string::npos);
    EXPECT_NE(defaults->optout.help_text.find("STOP"), std::string::npos);
    auto set = load_config(Environment::from_map({ { "MMSGATE_OPTOUT_SCOPE", "number" }, { "MMSGATE_OPTOUT_CONFIRMATION", "off" },
        { "MMSGATE_HELP_TEXT", "Acme: reply STOP to opt out." } }));
    ASSERT_THAT(set, IsOk());
    EXPECT_TRUE(set->optout.per_number);
    EXPECT_FALSE(set->optout.confirmation);
    EXPECT_EQ(set->optout.help_text, "Acme: reply STOP to opt out.");
    auto wrong = load_config(Environment::from_map({ { "MMSGATE_OPTOUT_SCOPE", "everyone" }, { "MMSGATE_OPTOUT_CONFIRMATION", "yes" } }));
    ASSERT_THAT(wrong, HasError(ErrorCode::InvalidArgument));
    EXPECT_NE(wrong.error().message.find("MMSGATE_OPTOUT_SCOPE"), std::string::npos);
    EXPECT_NE(wrong.error().message.find("MMSGATE_OPTOUT_CONFIRMATION"), std::string::npos);
}

TEST(Config, TrustedProxiesAreIpsAndRangesOfBothFamilies)
{
    EXPECT_TRUE(load_config(Environment::from_map({}))->http.trusted_proxies.empty());
    auto config = load_config(Environment::from_map({ { "MMSGATE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,fd00::/8" },
        { "NEXTAUTH_URL", "http://mms.example.com" } }));
    ASSERT_TRUE(config) << config.error().message;
    ASSERT_EQ(config->http.trusted_proxies.size(), 3u);
    EXPECT_TRUE(any_contains(config->http.trusted_proxies, *parse_ip_address("10.1.2.3")));
    auto bad = load_config(Environment::from_map({ { "MMSGATE_TRUSTED_PROXIES", "127.0.0.1, proxy.internal" } }));
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("MMSGATE_TRUSTED_PROXIES: 'proxy.internal'"), std::string::npos) << bad.error().message;
}

TEST(Config, ADeclaredProxyNeedsThePublicUrlItMustPassOnAsHost)
{
    auto without_url = load_config(Environment::from_map({ { "MMSGATE_TRUSTED_PROXIES", "127.0.0.1" } }));
    ASSERT_FALSE(without_url);
    EXPECT_NE(without_url.error().message.find("MMSGATE_TRUSTED_PROXIES: a declared proxy needs NEXTAUTH_URL"),
        std::string::npos) << without_url.error().message;
    EXPECT_TRUE(load_config(Environment::from_map({ { "MMSGATE_TRUSTED_PROXIES", "127.0.0.1" },
        { "MMSGATE_PUBLIC_URL", "https://mms.example.com" } })));
}

TEST(Config, StreamRecheckIsAtMostFifteenSeconds)
{
    EXPECT_EQ(load_config(Environment::from_map({}))->stream_recheck, std::chrono::milliseconds(15000));
    EXPECT_EQ(load_config(Environment::from_map({ { "MMSGATE_STREAM_RECHECK_MS", "1000" } }))->stream_recheck,
        std::chrono::milliseconds(1000));
    EXPECT_FALSE(load_config(Environment::from_map({ { "MMSGATE_STREAM_RECHECK_MS", "60000" } })));
}

TEST(Config, SecuringTheDataDirectoryMakesItAndItsFilesPrivate)
{
    auto directory = std::filesystem::temp_directory_path() / ("mmsgate-config-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(directory);
    std::ofstream(directory / "mmsgate.db") << "x";
    std::ofstream(directory / "mmsgate.db-wal") << "x";
    std::filesystem::permissions(directory, std::filesystem::perms(0755), std::filesystem::perm_options::replace);
    std::filesystem::permissions(directory / "mmsgate.db", std::filesystem::perms(0644), std::filesystem::perm_options::replace);
    std::filesystem::permissions(directory / "mmsgate.db-wal", std::filesystem::perms(0666), std::filesystem::perm_options::replace);
    auto config = load_config(Environment::from_map({ { "MMSGATE_DATA_DIR", directory.string() } }));
    ASSERT_TRUE(config);
    ASSERT_TRUE(secure_data_files(*config));
    EXPECT_EQ(std::filesystem::status(directory).permissions(), std::filesystem::perms(0700));
    EXPECT_EQ(std::filesystem::status(directory / "mmsgate.db").permissions(), std::filesystem::perms(0600));
    EXPECT_EQ(std::filesystem::status(directory / "mmsgate.db-wal").permissions(), std::filesystem::perms(0600));
    std::filesystem::remove_all(directory);
}

TEST(Config, PartialPlivoCredentialsAreAnErrorNotSandbox)
{
    auto config = load_config(Environment::from_map({ { "PLIVO_AUTH_ID", "MA0123456789ABCDEFGH" } }));
    ASSERT_THAT(config, HasError(ErrorCode::InvalidArgument));
    EXPECT_NE(config.error().message.find("PLIVO_AUTH_TOKEN: missing"), std::string::npos);
    EXPECT_NE(config.error().message.find("PLIVO_SENDER_NUMBER: missing"), std::string::npos);
}

TEST(Config, HttpsWithoutSecretIsAnError)
{
    auto config = load_config(Environment::from_map({ { "NEXTAUTH_URL", "https://mms.example.com" } }));
    ASSERT_THAT(config, HasError(ErrorCode::InvalidArgument));
    EXPECT_NE(config.error().message.find("NEXTAUTH_SECRET"), std::string::npos);
}

TEST(Config, DispatchLeaseMustOutlastAPlivoCall)
{
    auto derived = load_config(Environment::from_map({}));
    ASSERT_THAT(derived, IsOk());
    EXPECT_EQ(derived->dispatch.lease.count(), 0);
    auto short_calls = load_config(Environment::from_map({ { "MMSGATE_DISPATCH_LEASE_MS", "3000" },
        { "MMSGATE_PLIVO_CONNECT_TIMEOUT_MS", "500" }, { "MMSGATE_PLIVO_TIMEOUT_MS", "1000" } }));
    ASSERT_THAT(short_calls, IsOk());
    EXPECT_EQ(short_calls->dispatch.lease.count(), 3000);
    auto too_short = load_config(Environment::from_map({ { "MMSGATE_DISPATCH_LEASE_MS", "3000" } }));
    ASSERT_THAT(too_short, HasError(ErrorCode::InvalidArgument));
    EXPECT_NE(too_short.error().message.find("MMSGATE_DISPATCH_LEASE_MS: must exceed"), std::string::npos)
        << too_short.error().message;
}

TEST(Config, FullProductionConfiguration)
{
    auto config = load_config(Environment::from_map({
        { "NEXTAUTH_SECRET", kSecret },
        { "NEXTAUTH_URL", "https://mms.example.com" },
        { "PLIVO_AUTH_ID", "MA0123456789ABCDEFGH" },
        { "PLIVO_AUTH_TOKEN", "plivo-token-value" },
        { "PLIVO_SENDER_NUMBER", "+14155550100" },
        { "DATABASE_URL", "postgresql://u:p@db.example.com/mms" },
        { "MMSGATE_LISTEN", "[::1]:0" },
    }));
    ASSERT_THAT(config, IsOk());
    EXPECT_FALSE(config->sandbox);
    EXPECT_TRUE(config->secure_cookies);
    EXPECT_TRUE(config->uses_postgres());
    EXPECT_EQ(config->http.listen_host, "::1");
    EXPECT_EQ(config->http.listen_port, 0);
    EXPECT_EQ(config->public_url, "https://mms.example.com");

    auto lines = describe_config(*config, Environment::from_map({}));
    for (auto const& line : lines) {
        EXPECT_EQ(line.find(kSecret), std::string::npos) << line;
        EXPECT_EQ(line.find("plivo-token-value"), std::string::npos) << line;
        EXPECT_EQ(line.find("u:p@"), std::string::npos) << line;
    }
}

// Requests are checked against the public URL's host (DNS rebinding); a server others can reach
// must know it. Loopback needs none: only loopback names reach it.
TEST(Config, ListeningBeyondLoopbackNeedsThePublicUrl)
{
    for (auto listen : { "0.0.0.0:3000", "[::]:3000", "10.0.0.11:3000" }) {
        SCOPED_TRACE(listen);
        auto bare = load_config(Environment::from_map({ { "MMSGATE_LISTEN", listen } }));
        ASSERT_THAT(bare, HasError(ErrorCode::InvalidArgument));
        EXPECT_NE(bare.error().message.find("MMSGATE_LISTEN: listening on"), std::string::npos) << bare.error().message;
        EXPECT_NE(bare.error().message.find("needs NEXTAUTH_URL"), std::string::npos) << bare.error().message;
        EXPECT_THAT(load_config(Environment::from_map({ { "MMSGATE_LISTEN", listen }, { "NEXTAUTH_URL", "http://mms.example.com" } })),
            IsOk());
        EXPECT_THAT(load_config(Environment::from_map({ { "MMSGATE_LISTEN", listen }, { "MMSGATE_PUBLIC_URL", "http://mms.example.com" } })),
            IsOk());
    }
    for (auto listen : { "127.0.0.1:3000", "[::1]:3000", "127.0.0.5:0" })
        EXPECT_THAT(load_config(Environment::from_map({ { "MMSGATE_LISTEN", listen } })), IsOk()) << listen;
}

TEST(Config, ConnectionsPerAddressAreCappedByDefault)
{
    EXPECT_EQ(load_config(Environment::from_map({}))->http.max_connections_per_address, 256);
    EXPECT_EQ(load_config(Environment::from_map({ { "MMSGATE_MAX_CONNECTIONS_PER_ADDRESS", "0" } }))->http.max_connections_per_address, 0);
    EXPECT_THAT(load_config(Environment::from_map({ { "MMSGATE_MAX_CONNECTIONS_PER_ADDRESS", "-1" } })),
        HasError(ErrorCode::InvalidArgument));
}

TEST(Config, DotenvParsing)
{
    auto parsed = parse_dotenv("# comment\nexport A=1\nB=\"two\\nlines\"\nC='single # kept'\nD=plain # dropped\n\n");
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(parsed->at("A"), "1");
    EXPECT_EQ(parsed->at("B"), "two\nlines");
    EXPECT_EQ(parsed->at("C"), "single # kept");
    EXPECT_EQ(parsed->at("D"), "plain");
    EXPECT_THAT(parse_dotenv("not a line"), HasError(ErrorCode::InvalidArgument));
}

TEST(Config, EnvironmentWinsOverDotEnvLocalOverDotEnv)
{
    auto directory = std::filesystem::temp_directory_path() / ("mmsgate-config-" + std::to_string(getpid()));
    std::filesystem::create_directories(directory);
    std::ofstream(directory / ".env") << "MMSGATE_TEST_ONLY_A=from-env\nMMSGATE_TEST_ONLY_B=from-env\n";
    std::ofstream(directory / ".env.local") << "MMSGATE_TEST_ONLY_A=from-local\n";
    setenv("MMSGATE_TEST_ONLY_C", "from-process", 1);
    std::ofstream(directory / ".env", std::ios::app) << "MMSGATE_TEST_ONLY_C=from-file\n";
    auto environment = Environment::load(directory);
    ASSERT_THAT(environment, IsOk());
    EXPECT_EQ(environment->get("MMSGATE_TEST_ONLY_A"), "from-local");
    EXPECT_EQ(environment->get("MMSGATE_TEST_ONLY_B"), "from-env");
    EXPECT_EQ(environment->get("MMSGATE_TEST_ONLY_C"), "from-process");
    EXPECT_EQ(environment->source_of("MMSGATE_TEST_ONLY_A"), ".env.local");
    std::filesystem::remove_all(directory);
}

TEST(Config, GeneratedSecretIsKeptPrivateAndReused)
{
    auto directory = std::filesystem::temp_directory_path() / ("mmsgate-secret-" + std::to_string(getpid()));
    std::filesystem::remove_all(directory);
    auto config = load_config(Environment::from_map({ { "MMSGATE_DATA_DIR", directory.string() } }));
    ASSERT_THAT(config, IsOk());
    ASSERT_THAT(ensure_session_secret(*config), IsOk());
    EXPECT_GE(config->nextauth_secret.size(), 32u);
    struct stat info {};
    ASSERT_EQ(stat((directory / "nextauth-secret").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    auto again = load_config(Environment::from_map({ { "MMSGATE_DATA_DIR", directory.string() } }));
    ASSERT_THAT(ensure_session_secret(*again), IsOk());
    EXPECT_EQ(again->nextauth_secret, config->nextauth_secret);
    std::filesystem::remove_all(directory);
}

}
