#include "config/config.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"
#include "core/secret.hpp"
#include "core/url.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace mmsgate {

namespace {

constexpr char kDefaultPlivoApiUrl[] = "https://api.plivo.com";
constexpr std::size_t kMinimumSecretLength = 32;
constexpr char kGeneratedSecretFile[] = "nextauth-secret";
constexpr char kSandboxAuthId[] = "MASANDBOX00000000000";
constexpr char kSandboxSender[] = "+14155550199";

// Collects every problem so start-up can report them all at once.
class Problems {
public:
    void add(std::string const& variable, std::string const& why) { m_lines.push_back(variable + ": " + why); }
    [[nodiscard]] bool empty() const { return m_lines.empty(); }
    [[nodiscard]] std::string text() const
    {
        std::string out = "invalid configuration:";
        for (auto const& line : m_lines)
            out += "\n  " + line;
        return out;
    }

private:
    std::vector<std::string> m_lines;
};

template <class Integer>
void read_integer(Environment const& environment, Problems& problems, std::string const& name, Integer& target,
    long long minimum, long long maximum)
{
    auto text = environment.get(name);
    if (!text)
        return;
    long long value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc {} || end != text->data() + text->size()) {
        problems.add(name, fmt::format("'{}' is not a whole number", *text));
        return;
    }
    if (value < minimum || value > maximum) {
        problems.add(name, fmt::format("{} is outside {}..{}", value, minimum, maximum));
        return;
    }
    target = static_cast<Integer>(value);
}

template <class Duration>
void read_duration(Environment const& environment, Problems& problems, std::string const& name, Duration& target,
    long long minimum, long long maximum)
{
    auto count = static_cast<long long>(target.count());
    read_integer(environment, problems, name, count, minimum, maximum);
    target = Duration(count);
}

// CTIA asks a HELP answer for the brand, how to opt out, "Msg & data rates may apply" and a contact;
// the defaults name mmsgate's operator generically until MMSGATE_HELP_TEXT names the brand.
constexpr std::string_view kDefaultConfirmationText
    = "You are unsubscribed and will receive no more messages from us. Reply START to subscribe again.";
constexpr std::string_view kDefaultHelpText
    = "Messages from this number are sent with mmsgate. Reply STOP to opt out, START to opt back in. "
      "Msg & data rates may apply. For support, contact the sender of these messages.";

void read_optout_settings(Environment const& environment, Problems& problems, OptOutSettings& optout)
{
    auto scope = environment.get("MMSGATE_OPTOUT_SCOPE").value_or("account");
    if (scope != "account" && scope != "number")
        problems.add("MMSGATE_OPTOUT_SCOPE", fmt::format("'{}' is neither account nor number", scope));
    optout.per_number = scope == "number";
    auto confirmation = environment.get("MMSGATE_OPTOUT_CONFIRMATION").value_or("on");
    if (confirmation != "on" && confirmation != "off")
        problems.add("MMSGATE_OPTOUT_CONFIRMATION", fmt::format("'{}' is neither on nor off", confirmation));
    optout.confirmation = confirmation != "off";
    optout.confirmation_text = environment.get("MMSGATE_OPTOUT_CONFIRMATION_TEXT").value_or(std::string(kDefaultConfirmationText));
    optout.help_text = environment.get("MMSGATE_HELP_TEXT").value_or(std::string(kDefaultHelpText));
    for (auto const& [name, text] : { std::pair { "MMSGATE_OPTOUT_CONFIRMATION_TEXT", &optout.confirmation_text },
             std::pair { "MMSGATE_HELP_TEXT", &optout.help_text } }) {
        if (text->empty() || text->size() > 1600)
            problems.add(name, "must have 1 to 1600 characters");
    }
}

bool is_e164(std::string_view number)
{
    if (number.size() < 8 || number.size() > 16 || number.front() != '+' || number[1] == '0')
        return false;
    return std::all_of(number.begin() + 1, number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void read_upload_settings(Environment const& environment, Problems& problems, UploadSettings& uploads)
{
    read_integer(environment, problems, "MMSGATE_UPLOAD_MAX_BYTES", uploads.max_upload_bytes, 1024, 60LL << 20);
    read_integer(environment, problems, "MMSGATE_MEDIA_TARGET_BYTES", uploads.target_bytes, 50 * 1024, 5LL << 20);
    read_integer(environment, problems, "MMSGATE_MEDIA_MAX_DIMENSION", uploads.max_dimension, 320, 8000);
    read_integer(environment, problems, "MMSGATE_UPLOAD_MAX_PIXELS", uploads.max_pixels, 1'000'000, 1'000'000'000);
    read_integer(environment, problems, "MMSGATE_SEND_MEDIA_MAX_TOTAL_BYTES", uploads.max_message_bytes, 50 * 1024, 5LL << 20);
    read_duration(environment, problems, "MMSGATE_PREFLIGHT_TIMEOUT_MS", uploads.preflight_timeout, 100, 60000);
    read_integer(environment, problems, "MMSGATE_PREFLIGHT_TEST_ALLOW_LOOPBACK_PORT", uploads.preflight_test_loopback_port, 0, 65535);
}

void read_listen(Environment const& environment, Problems& problems, HttpSettings& http)
{
    auto text = environment.get("MMSGATE_LISTEN");
    if (!text)
        return;
    std::string_view value = *text;
    std::string_view host;
    std::string_view port;
    if (value.starts_with('[')) {
        auto close = value.find("]:");
        if (close == std::string_view::npos) {
            problems.add("MMSGATE_LISTEN", "expected [ipv6]:port");
            return;
        }
        host = value.substr(1, close - 1);
        port = value.substr(close + 2);
    } else {
        auto colon = value.rfind(':');
        if (colon == std::string_view::npos) {
            problems.add("MMSGATE_LISTEN", "expected host:port, e.g. 127.0.0.1:3000");
            return;
        }
        host = value.substr(0, colon);
        port = value.substr(colon + 1);
    }
    unsigned number = 0;
    auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (host.empty() || error != std::errc {} || end != port.data() + port.size() || number > 65535) {
        problems.add("MMSGATE_LISTEN", fmt::format("'{}' is not host:port", value));
        return;
    }
    http.listen_host = std::string(host);
    http.listen_port = std::uint16_t(number);
}

}

std::string Config::sqlite_path() const
{
    if (database_url.empty())
        return (data_dir / "mmsgate.db").string();
    std::string_view url = database_url;
    if (url.starts_with("sqlite://"))
        url.remove_prefix(9);
    else if (url.starts_with("sqlite:"))
        url.remove_prefix(7);
    else if (url.starts_with("file:"))
        url.remove_prefix(5);
    return std::string(url);
}

bool Config::uses_postgres() const
{
    return database_url.starts_with("postgres://") || database_url.starts_with("postgresql://");
}

Result<Config> load_config(Environment const& environment)
{
    Config config;
    Problems problems;

    if (auto url_text = environment.get("NEXTAUTH_URL")) {
        auto url = parse_http_url(*url_text);
        if (!url || !url->user_info.empty() || !url->query.empty()) {
            problems.add("NEXTAUTH_URL", fmt::format("'{}' is not an absolute http(s) URL", *url_text));
        } else {
            config.nextauth_url = url->origin();
            config.nextauth_url_explicit = true;
            // NextAuth reads its base path from NEXTAUTH_URL's path; the seed mounts it at /api/auth.
            if (url->path != "/" && url->path != "/api/auth" && url->path != "/api/auth/")
                problems.add("NEXTAUTH_URL", "only the /api/auth base path is supported; give the origin");
        }
    }
    config.secure_cookies = config.nextauth_url.starts_with("https://");

    if (auto secret = environment.get("NEXTAUTH_SECRET")) {
        if (secret->size() < kMinimumSecretLength)
            problems.add("NEXTAUTH_SECRET",
                fmt::format("too short ({} characters; at least {}: use `openssl rand -base64 32`)", secret->size(),
                    kMinimumSecretLength));
        config.nextauth_secret = *secret;
    } else if (config.secure_cookies) {
        problems.add("NEXTAUTH_SECRET", "required when NEXTAUTH_URL is https (generate one with `openssl rand -base64 32`)");
    }

    config.public_url = config.nextauth_url;
    if (auto public_url = environment.get("MMSGATE_PUBLIC_URL")) {
        auto url = parse_http_url(*public_url);
        if (!url || !url->user_info.empty())
            problems.add("MMSGATE_PUBLIC_URL", fmt::format("'{}' is not an absolute http(s) URL", *public_url));
        else {
            config.public_url = url->origin();
            config.public_url_explicit = true;
        }
    }

    auto auth_id = environment.get("PLIVO_AUTH_ID");
    auto auth_token = environment.get("PLIVO_AUTH_TOKEN");
    auto sender = environment.get("PLIVO_SENDER_NUMBER");
    config.sandbox = !auth_id && !auth_token && !sender;
    if (!config.sandbox) {
        if (!auth_id)
            problems.add("PLIVO_AUTH_ID", "missing (set all three PLIVO_* variables, or none for sandbox mode)");
        if (!auth_token)
            problems.add("PLIVO_AUTH_TOKEN", "missing (set all three PLIVO_* variables, or none for sandbox mode)");
        if (!sender)
            problems.add("PLIVO_SENDER_NUMBER", "missing (set all three PLIVO_* variables, or none for sandbox mode)");
    }
    if (auth_id) {
        bool shaped = auth_id->size() == 20 && (auth_id->starts_with("MA") || auth_id->starts_with("SA"))
            && std::all_of(auth_id->begin(), auth_id->end(),
                [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
        if (!shaped)
            problems.add("PLIVO_AUTH_ID", "expected 20 characters: MA or SA followed by 18 upper-case letters or digits");
        config.plivo.auth_id = *auth_id;
    }
    if (auth_token)
        config.plivo.auth_token = *auth_token;
    if (sender) {
        if (!is_e164(*sender))
            problems.add("PLIVO_SENDER_NUMBER", fmt::format("'{}' is not E.164 (like +14155550100)", *sender));
        config.plivo.sender_number = *sender;
    }
    if (config.sandbox) {
        // Sandbox mode talks to the simulator inside this process with credentials of its own.
        config.plivo.auth_id = kSandboxAuthId;
        config.plivo.auth_token = random_hex(20);
        config.plivo.sender_number = kSandboxSender;
    }
    config.plivo.api_url = environment.get("PLIVO_API_URL").value_or(kDefaultPlivoApiUrl);
    if (auto url = parse_http_url(config.plivo.api_url); !url || !url->user_info.empty())
        problems.add("PLIVO_API_URL", fmt::format("'{}' is not an absolute http(s) URL", config.plivo.api_url));
    if (auto bundle = environment.get("PLIVO_CA_BUNDLE")) {
        struct stat info {};
        if (stat(bundle->c_str(), &info) != 0)
            problems.add("PLIVO_CA_BUNDLE", fmt::format("'{}' does not exist", *bundle));
        config.plivo.ca_bundle = *bundle;
    }

    config.database_url = environment.get("DATABASE_URL").value_or("");
    if (!config.database_url.empty() && !config.uses_postgres() && config.database_url.find("://") != std::string::npos
        && !config.database_url.starts_with("sqlite://"))
        problems.add("DATABASE_URL", "expected postgresql://…, postgres://…, sqlite:PATH, file:PATH or a path");
    read_integer(environment, problems, "MMSGATE_DB_POOL_SIZE", config.database_pool_size, 1, 256);
    if (auto dir = environment.get("MMSGATE_DATA_DIR"))
        config.data_dir = *dir;

    read_integer(environment, problems, "MMSGATE_BCRYPT_COST", config.bcrypt_cost, 4, 17);
    read_integer(environment, problems, "MMSGATE_API_KEY_RATE_LIMIT", config.api_key_rate_limit, 1, 1000000);
    read_duration(environment, problems, "MMSGATE_LOGIN_QUEUE_MS", config.login_queue, 10, 60000);
    read_listen(environment, problems, config.http);
    read_integer(environment, problems, "MMSGATE_MAX_BODY_BYTES", config.http.max_body_bytes, 1024, 64LL << 20);
    read_integer(environment, problems, "MMSGATE_MAX_CONNECTIONS", config.http.max_connections, 1, 1000000);
    read_integer(environment, problems, "MMSGATE_MAX_CONNECTIONS_PER_ADDRESS", config.http.max_connections_per_address, 0, 1000000);
    read_integer(environment, problems, "MMSGATE_IO_THREADS", config.http.io_threads, 0, 256);
    read_duration(environment, problems, "MMSGATE_HEADER_TIMEOUT_MS", config.http.header_timeout, 100, 600000);
    read_duration(environment, problems, "MMSGATE_BODY_TIMEOUT_MS", config.http.body_timeout, 100, 600000);
    read_duration(environment, problems, "MMSGATE_IDLE_TIMEOUT_MS", config.http.idle_timeout, 100, 3600000);
    read_duration(environment, problems, "MMSGATE_SHUTDOWN_DEADLINE_MS", config.http.shutdown_deadline, 0, 600000);

    if (auto proxies = environment.get("MMSGATE_TRUSTED_PROXIES")) {
        auto parsed = parse_ip_range_list(*proxies);
        if (!parsed.error.empty())
            problems.add("MMSGATE_TRUSTED_PROXIES", parsed.error);
        config.http.trusted_proxies = std::move(parsed.ranges);
    }
    read_duration(environment, problems, "MMSGATE_STREAM_RECHECK_MS", config.stream_recheck, 100, 15000);

    if (auto hosts = environment.get("MMSGATE_INBOUND_MEDIA_HOSTS")) {
        config.inbound_media.allowed_hosts.clear();
        std::string_view rest = *hosts;
        while (!rest.empty()) {
            auto comma = rest.find(',');
            auto host = trim_blanks(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view {} : rest.substr(comma + 1);
            if (host.empty())
                continue;
            if (host.find_first_of("/:@ ") != std::string_view::npos)
                problems.add("MMSGATE_INBOUND_MEDIA_HOSTS", fmt::format("'{}' is not a host name", host));
            std::string lower(host);
            std::ranges::transform(lower, lower.begin(), [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
            config.inbound_media.allowed_hosts.push_back(std::move(lower));
        }
    }
    read_integer(environment, problems, "MMSGATE_INBOUND_MEDIA_MAX_BYTES", config.inbound_media.max_file_bytes, 1024, 64LL << 20);
    read_duration(environment, problems, "MMSGATE_INBOUND_MEDIA_TIMEOUT_MS", config.inbound_media.timeout, 100, 600000);
    read_integer(environment, problems, "MMSGATE_MEDIA_MAX_TOTAL_BYTES", config.inbound_media.max_total_bytes, 0, 1LL << 50);
    config.inbound_media.allow_loopback_http = environment.get("MMSGATE_INBOUND_MEDIA_TEST_LOOPBACK").value_or("") == "1";
    read_upload_settings(environment, problems, config.uploads);
    // One file and its multipart framing.
    config.http.larger_bodies.emplace_back("/api/uploads", config.uploads.max_upload_bytes + 64 * 1024);
    if (auto quiet = parse_quiet_hours(environment.get("MMSGATE_QUIET_HOURS").value_or("")); quiet)
        config.quiet_hours = *quiet;
    else
        problems.add("MMSGATE_QUIET_HOURS", quiet.error().message);
    if (auto test_clock = environment.get("MMSGATE_TEST_CLOCK").value_or(""); !test_clock.empty() && test_clock != "0") {
        config.test_clock = true;
        if (test_clock != "1") {
            config.test_clock_start = parse_iso8601(test_clock);
            if (!config.test_clock_start)
                problems.add("MMSGATE_TEST_CLOCK", "expected 1 or a start time like 2026-12-05T03:00:00Z");
        }
        auto plivo_url = parse_http_url(config.plivo.api_url);
        if (!config.sandbox && !(plivo_url && is_loopback_host(plivo_url->host)))
            problems.add("MMSGATE_TEST_CLOCK",
                "is for tests only: refused unless in sandbox mode or with PLIVO_API_URL on a loopback address (a simulator)");
    }

    read_integer(environment, problems, "MMSGATE_PLIVO_RATE_LIMIT", config.dispatch.requests_per_window, 1, 1000000);
    read_duration(environment, problems, "MMSGATE_PLIVO_RATE_WINDOW_MS", config.dispatch.window, 100, 3600000);
    read_integer(environment, problems, "MMSGATE_PLIVO_MAX_CONCURRENT", config.dispatch.max_concurrent_requests, 1, 100000);
    read_duration(environment, problems, "MMSGATE_SEND_WAIT_MS", config.dispatch.send_wait, 0, 120000);
    read_duration(environment, problems, "MMSGATE_RETRY_DEADLINE_S", config.dispatch.retry_deadline, 1, 7 * 86400);
    read_duration(environment, problems, "MMSGATE_RETRY_FIRST_DELAY_MS", config.dispatch.retry_first_delay, 10, 3600000);
    read_duration(environment, problems, "MMSGATE_RETRY_LONGEST_DELAY_MS", config.dispatch.retry_longest_delay, 10, 3600000);
    if (config.dispatch.retry_longest_delay < config.dispatch.retry_first_delay)
        problems.add("MMSGATE_RETRY_LONGEST_DELAY_MS", "must not be shorter than MMSGATE_RETRY_FIRST_DELAY_MS");
    read_duration(environment, problems, "MMSGATE_PLIVO_CONNECT_TIMEOUT_MS", config.dispatch.connect_timeout, 100, 120000);
    read_duration(environment, problems, "MMSGATE_PLIVO_TIMEOUT_MS", config.dispatch.request_timeout, 100, 600000);
    read_duration(environment, problems, "MMSGATE_RECONCILE_AFTER_S", config.dispatch.reconcile_after, 1, 86400);
    read_duration(environment, problems, "MMSGATE_DISPATCH_LEASE_MS", config.dispatch.lease, 1000, 3600000);
    if (auto call = config.dispatch.connect_timeout + config.dispatch.request_timeout;
        config.dispatch.lease.count() > 0 && config.dispatch.lease < call + std::chrono::seconds(1))
        problems.add("MMSGATE_DISPATCH_LEASE_MS",
            fmt::format("must exceed the Plivo connect + request timeouts ({} ms) by at least 1000 ms", call.count()));

    read_duration(environment, problems, "MMSGATE_WEBHOOK_RETRY_FIRST_DELAY_MS", config.webhooks.retry_first_delay, 10, 3600000);
    read_duration(environment, problems, "MMSGATE_WEBHOOK_RETRY_LONGEST_DELAY_MS", config.webhooks.retry_longest_delay, 10, 24 * 3600000);
    if (config.webhooks.retry_longest_delay < config.webhooks.retry_first_delay)
        problems.add("MMSGATE_WEBHOOK_RETRY_LONGEST_DELAY_MS", "must not be shorter than MMSGATE_WEBHOOK_RETRY_FIRST_DELAY_MS");
    read_duration(environment, problems, "MMSGATE_WEBHOOK_RETRY_WINDOW_S", config.webhooks.retry_window, 1, 14 * 86400);
    read_duration(environment, problems, "MMSGATE_WEBHOOK_DISABLE_AFTER_S", config.webhooks.disable_after, 1, 14 * 86400);
    read_duration(environment, problems, "MMSGATE_WEBHOOK_CONNECT_TIMEOUT_MS", config.webhooks.connect_timeout, 100, 60000);
    read_duration(environment, problems, "MMSGATE_WEBHOOK_TIMEOUT_MS", config.webhooks.request_timeout, 100, 60000);
    read_duration(environment, problems, "MMSGATE_WEBHOOK_POLL_MS", config.webhooks.poll_interval, 50, 60000);
    read_integer(environment, problems, "MMSGATE_AUDIT_RETENTION_DAYS", config.audit_retention_days, 1, 36500);

    read_optout_settings(environment, problems, config.optout);
    config.dispatch.suppression_per_number = config.optout.per_number;

    // Requests must name a configured host (DNS-rebinding defence). Without a configured URL the
    // only names known are loopback ones, which a server reachable from elsewhere cannot rely on.
    if (!config.nextauth_url_explicit && !config.public_url_explicit && !is_loopback_host(config.http.listen_host))
        problems.add("MMSGATE_LISTEN",
            fmt::format("listening on {} (not loopback) needs NEXTAUTH_URL (or MMSGATE_PUBLIC_URL): the URL people use, "
                        "so that requests naming any other host can be refused",
                config.http.listen_host));

    // Behind a declared proxy, loopback names prove nothing (a proxy on this host connects from
    // loopback and may pass its upstream's name as Host): the public name is the only one accepted.
    if (!config.http.trusted_proxies.empty() && !config.nextauth_url_explicit && !config.public_url_explicit)
        problems.add("MMSGATE_TRUSTED_PROXIES",
            "a declared proxy needs NEXTAUTH_URL (or MMSGATE_PUBLIC_URL): the URL people use, which the proxy must pass on "
            "as Host");

    config.metrics_token = environment.get("MMSGATE_METRICS_TOKEN").value_or("");
    config.log_level = environment.get("MMSGATE_LOG_LEVEL").value_or("info");
    if (spdlog::level::from_str(config.log_level) == spdlog::level::off && config.log_level != "off")
        problems.add("MMSGATE_LOG_LEVEL", fmt::format("'{}' is not one of trace, debug, info, warn, error, off", config.log_level));

    if (!problems.empty())
        return fail(ErrorCode::InvalidArgument, problems.text());
    return config;
}

Result<KeptValue> read_or_create_data_file(std::filesystem::path const& data_dir, std::string const& name,
    std::size_t minimum_length, std::string const& generated)
{
    auto path = data_dir / name;
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error)
        return fail(ErrorCode::Internal, fmt::format("cannot create data directory {}: {}", data_dir.string(), error.message()));
    if (std::ifstream existing(path); existing) {
        std::stringstream contents;
        contents << existing.rdbuf();
        auto value = contents.str();
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
            value.pop_back();
        if (value.size() >= minimum_length)
            return KeptValue { value, false };
    }
    auto temporary = path;
    temporary += ".tmp";
    {
        auto old_mask = umask(077);
        std::ofstream file(temporary, std::ios::trunc);
        umask(old_mask);
        file << generated << '\n';
        if (!file.flush())
            return fail(ErrorCode::Internal, fmt::format("cannot write {}", temporary.string()));
    }
    chmod(temporary.c_str(), 0600);
    std::filesystem::rename(temporary, path, error);
    if (error)
        return fail(ErrorCode::Internal, fmt::format("cannot write {}: {}", path.string(), error.message()));
    return KeptValue { generated, true };
}

Result<void> secure_data_files(Config const& config)
{
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(config.data_dir, error);
    if (error)
        return fail(ErrorCode::Internal, fmt::format("cannot create data directory {}: {}", config.data_dir.string(), error.message()));
    auto restrict = [](fs::path const& path, fs::perms wanted) -> Result<void> {
        std::error_code failed;
        auto status = fs::symlink_status(path, failed);
        // Only what is really there: a symbolic link is not followed to somebody else's file.
        if (failed || !(fs::is_regular_file(status) || fs::is_directory(status)) || status.permissions() == wanted)
            return {};
        fs::permissions(path, wanted, fs::perm_options::replace, failed);
        if (failed)
            return fail(ErrorCode::Internal, fmt::format("cannot restrict {} to mode {:o}: {}", path.string(), int(wanted), failed.message()));
        return {};
    };
    if (auto done = restrict(config.data_dir, fs::perms::owner_all); !done)
        return done;
    for (auto const& entry : fs::directory_iterator(config.data_dir, error)) {
        if (entry.is_regular_file(error)) {
            if (auto done = restrict(entry.path(), fs::perms::owner_read | fs::perms::owner_write); !done)
                return done;
        }
    }
    if (!config.uses_postgres()) {
        for (auto const* suffix : { "", "-wal", "-shm", "-journal" }) {
            if (auto done = restrict(config.sqlite_path() + suffix, fs::perms::owner_read | fs::perms::owner_write); !done)
                return done;
        }
    }
    return {};
}

Result<void> ensure_session_secret(Config& config)
{
    if (!config.nextauth_secret.empty())
        return {};
    auto kept = read_or_create_data_file(config.data_dir, kGeneratedSecretFile, kMinimumSecretLength, random_hex(32));
    if (!kept)
        return std::unexpected(std::move(kept.error()));
    config.nextauth_secret = kept->value;
    config.nextauth_secret_generated = true;
    if (kept->created)
        spdlog::warn("NEXTAUTH_SECRET is not set: generated one and kept it in {} (set NEXTAUTH_SECRET in production)",
            (config.data_dir / kGeneratedSecretFile).string());
    return {};
}

std::vector<std::string> describe_config(Config const& config, Environment const& environment)
{
    std::vector<std::string> lines;
    auto line = [&](std::string const& name, std::string const& value) {
        lines.push_back(fmt::format("{}={} ({})", name, value, environment.source_of(name)));
    };
    line("NEXTAUTH_URL", config.nextauth_url);
    line("NEXTAUTH_SECRET",
        config.nextauth_secret.empty() ? "(generated on first start, kept in the data directory)"
                                       : mask_secret(config.nextauth_secret));
    line("MMSGATE_PUBLIC_URL", config.public_url);
    line("PLIVO_AUTH_ID", config.sandbox ? "(sandbox mode)" : mask_secret(config.plivo.auth_id));
    line("PLIVO_AUTH_TOKEN", config.sandbox ? "(sandbox mode)" : mask_secret(config.plivo.auth_token));
    line("PLIVO_SENDER_NUMBER", config.sandbox ? "(sandbox mode)" : config.plivo.sender_number);
    line("PLIVO_API_URL", config.plivo.api_url);
    // A PostgreSQL URL may carry a password: show only the scheme and what follows the '@'.
    std::string database = config.database_url.empty() ? "sqlite:" + config.sqlite_path() : config.database_url;
    if (auto at = database.rfind('@'); at != std::string::npos && config.uses_postgres())
        database = database.substr(0, database.find("://") + 3) + "****" + database.substr(at);
    line("DATABASE_URL", database);
    line("MMSGATE_DATA_DIR", config.data_dir.string());
    line("MMSGATE_LISTEN", fmt::format("{}:{}", config.http.listen_host, config.http.listen_port));
    line("MMSGATE_BCRYPT_COST", std::to_string(config.bcrypt_cost));
    line("MMSGATE_MAX_BODY_BYTES", std::to_string(config.http.max_body_bytes));
    line("MMSGATE_SEND_WAIT_MS", std::to_string(config.dispatch.send_wait.count()));
    line("MMSGATE_PLIVO_RATE_LIMIT", std::to_string(config.dispatch.requests_per_window));
    line("MMSGATE_PLIVO_MAX_CONCURRENT", std::to_string(config.dispatch.max_concurrent_requests));
    line("MMSGATE_TRUSTED_PROXIES", environment.get("MMSGATE_TRUSTED_PROXIES").value_or("(none: the client is the socket's peer)"));
    line("MMSGATE_MAX_CONNECTIONS", std::to_string(config.http.max_connections));
    line("MMSGATE_MAX_CONNECTIONS_PER_ADDRESS", std::to_string(config.http.max_connections_per_address));
    line("MMSGATE_METRICS_TOKEN", mask_secret(config.metrics_token));
    line("MMSGATE_INBOUND_MEDIA_HOSTS", fmt::format("{}", fmt::join(config.inbound_media.allowed_hosts, ",")));
    line("MMSGATE_INBOUND_MEDIA_MAX_BYTES", std::to_string(config.inbound_media.max_file_bytes));
    line("MMSGATE_MEDIA_MAX_TOTAL_BYTES", std::to_string(config.inbound_media.max_total_bytes));
    line("MMSGATE_QUIET_HOURS", config.quiet_hours.enabled ? environment.get("MMSGATE_QUIET_HOURS").value_or("") : "off");
    line("MMSGATE_LOG_LEVEL", config.log_level);
    return lines;
}

}
