#pragma once
// Every setting mmsgate has, read and validated once at start-up (never at request time).
// Names follow the seed (NEXTAUTH_*, PLIVO_*, DATABASE_URL); mmsgate's own use the MMSGATE_ prefix.
#include "config/environment.hpp"
#include "config/quiet_hours_setting.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ip_range.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct PlivoSettings {
    std::string auth_id;
    std::string auth_token;
    std::string sender_number; // E.164, e.g. +14155550100
    std::string api_url; // PLIVO_API_URL; Plivo's public API unless set
    std::string ca_bundle; // PLIVO_CA_BUNDLE: extra trusted CA file (tests use a private CA)
};

struct DispatchSettings {
    // MMSGATE_OPTOUT_SCOPE=number (a copy of OptOutSettings::per_number): held messages are checked
    // against the suppression list again when they are released.
    bool suppression_per_number = false;
    int requests_per_window = 300; // Plivo: 300 requests per 5 s per account
    std::chrono::milliseconds window { 5000 };
    int max_concurrent_requests = 100; // Plivo: 100 concurrent requests per account
    std::chrono::milliseconds send_wait { 10000 }; // how long POST /api/send-mms waits for Plivo before 202
    std::chrono::seconds retry_deadline { 3600 }; // transient failures are retried until then
    // Backoff between retries: doubles from the first delay up to the longest, with +-20 % jitter.
    std::chrono::milliseconds retry_first_delay { 1000 };
    std::chrono::milliseconds retry_longest_delay { 60000 };
    std::chrono::milliseconds connect_timeout { 5000 };
    std::chrono::milliseconds request_timeout { 30000 };
    // Messages in queued/sent without a report for this long are looked up with Get Message.
    std::chrono::seconds reconcile_after { 600 };
    // How long a claimed request stays with its instance before another may take it over (a dead
    // instance's work waits this long). 0: twice the Plivo timeouts plus 30 s.
    std::chrono::milliseconds lease { 0 };
};

// Outgoing webhooks (src/webhooks). The retry delays are short only in tests.
struct WebhookSettings {
    // Backoff between attempts of one delivery: doubles from the first delay up to the longest, +-20 % jitter.
    std::chrono::milliseconds retry_first_delay { 5000 };
    std::chrono::milliseconds retry_longest_delay { 3600000 };
    // A delivery is retried for this long after its event, then it is `failed`.
    std::chrono::seconds retry_window { 28 * 3600 };
    // An endpoint whose every attempt failed for this long is disabled (with a visible reason).
    std::chrono::seconds disable_after { 24 * 3600 };
    std::chrono::milliseconds connect_timeout { 5000 };
    std::chrono::milliseconds request_timeout { 15000 };
    // How often the worker looks for due deliveries when nothing woke it.
    std::chrono::milliseconds poll_interval { 1000 };
};

struct HttpSettings {
    std::string listen_host = "127.0.0.1";
    std::uint16_t listen_port = 3000; // 0 picks a free port
    std::size_t max_body_bytes = 1024 * 1024;
    // Exact request paths that may carry a larger body than max_body_bytes (file uploads).
    std::vector<std::pair<std::string, std::size_t>> larger_bodies = {};
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::milliseconds header_timeout { 10000 };
    std::chrono::milliseconds body_timeout { 30000 };
    std::chrono::milliseconds idle_timeout { 60000 };
    int max_connections = 10000;
    // Connections one peer address may hold at once (0: no limit); a reverse proxy is one address.
    int max_connections_per_address = 256;
    std::chrono::milliseconds shutdown_deadline { 10000 };
    int io_threads = 0; // 0: one per core
    // MMSGATE_TRUSTED_PROXIES: peers whose X-Forwarded-For/Forwarded names the client (http/client_address.hpp).
    std::vector<IpRange> trusted_proxies;
};

// The copies of incoming MMS media (issue 15): where they may come from and how big they may be.
struct InboundMediaSettings {
    // MMSGATE_INBOUND_MEDIA_HOSTS: host names a media URL may name (exact, case-insensitive).
    std::vector<std::string> allowed_hosts { "media.plivo.com" };
    std::size_t max_file_bytes = 7 * 1024 * 1024; // Plivo: under 7 MB per message in all
    std::chrono::milliseconds timeout { 30000 }; // per download
    // MMSGATE_MEDIA_MAX_TOTAL_BYTES: all stored media together; a copy beyond it is refused.
    std::int64_t max_total_bytes = 10LL << 30;
    // MMSGATE_INBOUND_MEDIA_TEST_LOOPBACK (tests only): also plain http to a loopback address of an
    // allowed host. The sandbox turns it on for its own simulator.
    bool allow_loopback_http = false;
};

// Uploads, fitting to carriers and link preflight (issue 18).
struct UploadSettings {
    // MMSGATE_UPLOAD_MAX_BYTES: the largest file a person may upload (before fitting).
    std::size_t max_upload_bytes = 20 * 1024 * 1024;
    // MMSGATE_MEDIA_TARGET_BYTES: what an image is fitted to (carriers deliver about 0.6-1.5 MB).
    std::size_t target_bytes = 600 * 1024;
    // MMSGATE_MEDIA_MAX_DIMENSION: the longest side of a fitted image, in pixels.
    int max_dimension = 1600;
    // MMSGATE_UPLOAD_MAX_PIXELS: width × height (× frames) above which a file is refused unopened.
    std::int64_t max_pixels = 100'000'000;
    // MMSGATE_SEND_MEDIA_MAX_TOTAL_BYTES: the uploads of one message together.
    std::int64_t max_message_bytes = 5 * 1024 * 1024;
    // MMSGATE_PREFLIGHT_TIMEOUT_MS: a preflight or "fetch, fit and attach" of a link, all redirects included.
    std::chrono::milliseconds preflight_timeout { 10000 };
    // MMSGATE_PREFLIGHT_TEST_ALLOW_LOOPBACK_PORT (tests only): links to a loopback address on this
    // port (plain http too) pass the public-address rules. 0: never.
    std::uint16_t preflight_test_loopback_port = 0;
};

// Opt-outs (src/suppressions, issue 16).
struct OptOutSettings {
    // account: an opt-out stops every number of ours from texting that person; number: only the
    // number it was sent to (admin entries and imports always apply to every number).
    bool per_number = false; // MMSGATE_OPTOUT_SCOPE=account|number
    bool confirmation = true; // MMSGATE_OPTOUT_CONFIRMATION=on|off
    std::string confirmation_text; // MMSGATE_OPTOUT_CONFIRMATION_TEXT
    std::string help_text; // MMSGATE_HELP_TEXT
};

struct Config {
    // NextAuth: the session secret, and the canonical URL (origin + auth base path).
    std::string nextauth_secret;
    bool nextauth_secret_generated = false;
    std::string nextauth_url = "http://localhost:3000";
    bool nextauth_url_explicit = false; // false: follow the address the server actually listens on
    std::string auth_base_path = "/api/auth";
    bool secure_cookies = false; // NEXTAUTH_URL is https
    // Where Plivo reaches this server (status callbacks); MMSGATE_PUBLIC_URL or NEXTAUTH_URL's origin.
    std::string public_url;
    bool public_url_explicit = false;

    PlivoSettings plivo;
    bool sandbox = false; // no Plivo credentials at all: the built-in simulator stands in for Plivo

    std::string database_url; // empty: SQLite in the data directory
    int database_pool_size = 8;
    std::filesystem::path data_dir = "data";

    int bcrypt_cost = 12;
    // MMSGATE_LOGIN_QUEUE_MS: bcrypt work that may wait per pool thread before logins get 429 busy.
    std::chrono::milliseconds login_queue { 1000 };
    // MMSGATE_API_KEY_RATE_LIMIT: requests per minute per API key (per instance); bursts up to it.
    int api_key_rate_limit = 600;
    HttpSettings http;
    DispatchSettings dispatch;
    InboundMediaSettings inbound_media;
    UploadSettings uploads;
    WebhookSettings webhooks;
    // MMSGATE_AUDIT_RETENTION_DAYS: audit log entries older than this are pruned (hourly).
    int audit_retention_days = 365;
    // MMSGATE_QUIET_HOURS (issue 16): off by default.
    QuietHoursSettings quiet_hours;
    // MMSGATE_TEST_CLOCK (tests only; sandbox or a loopback simulator): 1, or the time now_millis()
    // starts from; either way POST /api/test/clock moves it (core/clock.hpp).
    bool test_clock = false;
    std::optional<Millis> test_clock_start;
    OptOutSettings optout;
    // How often an open event stream checks that its session still holds (account disabled,
    // password changed, session expired). MMSGATE_STREAM_RECHECK_MS, for tests; at most 15 s.
    std::chrono::milliseconds stream_recheck { 15000 };
    std::string metrics_token; // bearer token for /metrics from other hosts; loopback needs none
    std::string log_level = "info";

    [[nodiscard]] std::string sqlite_path() const;
    [[nodiscard]] bool uses_postgres() const;
};

// Reads and validates every variable. All problems are reported together, one line each, naming
// the variable and why it is wrong. Does not touch the disk (see ensure_session_secret).
[[nodiscard]] Result<Config> load_config(Environment const& environment);

// Without NEXTAUTH_SECRET on a plain-http URL, mmsgate keeps a generated secret in the data
// directory (mode 0600) so that sessions survive restarts. Must run before serving.
[[nodiscard]] Result<void> ensure_session_secret(Config& config);

// A value kept in a file of the data directory (mode 0600): the one there when it has at least
// `minimum_length` characters, else `generated`, written atomically.
struct KeptValue {
    std::string value;
    bool created = false;
};
[[nodiscard]] Result<KeptValue> read_or_create_data_file(std::filesystem::path const& data_dir, std::string const& name,
    std::size_t minimum_length, std::string const& generated);

// The data directory (created if missing) made mode 0700 and every file in it 0600, and the same
// for a SQLite database kept elsewhere (with its -wal, -shm and -journal): they hold the
// messages, password hashes and secrets. A file that cannot be changed is an error.
[[nodiscard]] Result<void> secure_data_files(Config const& config);

// The effective configuration as "NAME=value (source)" lines, secrets masked.
[[nodiscard]] std::vector<std::string> describe_config(Config const& config, Environment const& environment);

}
