#include "app/application.hpp"

#include "app/metrics_wiring.hpp"
#include "audit/audit_retention.hpp"
#include "app/simulator_routes.hpp"
#include "app/static_routes.hpp"
#include "app/system_routes.hpp"
#include "app/test_clock_routes.hpp"
#include "config/config.hpp"
#include "core/random.hpp"
#include "auth/auth_routes.hpp"
#include "auth/password_work.hpp"
#include "auth/session_service.hpp"
#include "auth/setup_token.hpp"
#include "conversations/routes/conversation_handlers.hpp"
#include "http/server.hpp"
#include "inbound/inbound_handler.hpp"
#include "inbound/media_copier.hpp"
#include "inbound/sandbox_inbound.hpp"
#include "media/media_routes.hpp"
#include "messaging/dispatch/dispatcher.hpp"
#include "suppressions/routes/suppression_routes.hpp"
#include "messaging/history/history_handlers.hpp"
#include "messaging/quiet_hours/cancel_route.hpp"
#include "messaging/message_feed.hpp"
#include "messaging/dispatch/metered_plivo_gateway.hpp"
#include "messaging/dispatch/plivo_client_gateway.hpp"
#include "messaging/send/send_handler.hpp"
#include "messaging/reports/status_callback_handler.hpp"
#include "metrics/http_metrics.hpp"
#include "metrics/metrics_route.hpp"
#include "metrics/plivo_metrics.hpp"
#include "metrics/process_metrics.hpp"
#include "openapi/openapi_route.hpp"
#include "mmsgate/version.hpp"
#include "plivo/http_client.hpp"
#include "plivo/plivo_client.hpp"
#include "plivo/simulator/callback_sender.hpp"
#include "store/user_queries.hpp"
#include "team/team_routes.hpp"
#include "uploads/upload_routes.hpp"
#include "webhooks/webhook_routes.hpp"
#include "api_keys/routes/api_key_routes.hpp"
#include "webhooks/webhook_worker.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace mmsgate {

namespace {

std::string url_for(net::ip::tcp::endpoint const& endpoint)
{
    auto address = endpoint.address();
    std::string host;
    if (address.is_unspecified())
        host = "localhost";
    else if (address.is_v6())
        host = "[" + address.to_string() + "]";
    else
        host = address.to_string();
    return "http://" + host + ":" + std::to_string(endpoint.port());
}

// The Host check (DNS-rebinding defence) and HSTS. Health checks pass by any name (load balancers
// probe by address; they reveal nothing), and so does a /metrics scrape that carries the token.
SiteSecurity site_security(Config const& config, std::uint16_t listening_port)
{
    std::vector<std::string> public_urls;
    if (config.nextauth_url_explicit)
        public_urls.push_back(config.nextauth_url);
    if (config.public_url_explicit)
        public_urls.push_back(config.public_url);
    HostGuard guard(public_urls, listening_port);
    guard.exempt_path("/healthz");
    guard.exempt_path("/readyz");
    if (!config.metrics_token.empty()) {
        guard.exempt_when([token = config.metrics_token](Request const& request) {
            return request.path() == "/metrics" && has_metrics_bearer_token(request, token);
        });
    }
    spdlog::info("requests must name one of these hosts: {}", guard.describe());
    return { std::move(guard), config.nextauth_url.starts_with("https://") };
}

// SQLite has one writer, and mmsgate treats the leases it finds at start-up as abandoned, so two
// processes on one file must never run at once.
Result<int> lock_data_directory(Config const& config)
{
    std::error_code ignored;
    std::filesystem::create_directories(config.data_dir, ignored);
    auto path = config.data_dir / "mmsgate.lock";
    int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (descriptor < 0)
        return fail(ErrorCode::Internal, "cannot open " + path.string());
    if (flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
        ::close(descriptor);
        return fail(ErrorCode::Unavailable, "data directory is locked by another process");
    }
    return descriptor;
}


// This process's name in dispatch leases and in the instance list. Kept in the data directory,
// whose lock it holds, so a restarted process takes back the work its previous run left at once
// and is not counted as a second instance; without the lock (PostgreSQL: another process uses the
// directory) it is a fresh name.
std::string instance_name(Config const& config, bool holds_data_directory)
{
    if (holds_data_directory) {
        auto kept = read_or_create_data_file(config.data_dir, "instance-id", 16, random_hex(8));
        if (kept)
            return kept->value;
        spdlog::warn("{}: this instance gets a fresh name", kept.error().message);
    } else {
        spdlog::info("another process uses {}: this instance gets a fresh name", config.data_dir.string());
    }
    return random_hex(8);
}

}

int run_server(Config config)
{
    apply_test_clock_start(config);
    spdlog::set_level(spdlog::level::from_str(config.log_level));
    if (auto secured = secure_data_files(config); !secured) {
        spdlog::critical("{}", secured.error().message);
        return 1;
    }
    if (auto secret = ensure_session_secret(config); !secret) {
        spdlog::critical("{}", secret.error().message);
        return 1;
    }
    auto locked = lock_data_directory(config);
    if (!locked && !config.uses_postgres()) {
        spdlog::critical("another mmsgate process is using {} (SQLite allows one server per data directory; use "
                         "PostgreSQL to run several)",
            config.data_dir.string());
        return 1;
    }
    int lock = locked ? *locked : -1;
    auto instance_id = instance_name(config, locked.has_value());

    DatabaseSettings database_settings;
    database_settings.url = config.uses_postgres() ? config.database_url : config.sqlite_path();
    database_settings.pool_size = config.database_pool_size;
    auto database = Database::open(database_settings);
    if (!database) {
        spdlog::critical("cannot open the database: {} {}", database.error().message, database.error().detail);
        return 1;
    }
    // Again now that SQLite has its -wal and -shm files (older versions left them 0644).
    if (auto secured = secure_data_files(config); !secured) {
        spdlog::critical("{}", secured.error().message);
        return 1;
    }
    auto users = (*database)->read_blocking<std::int64_t>([](SqlConnection& connection) { return count_users(connection); });
    if (!users) {
        spdlog::critical("cannot read the users: {} {}", users.error().message, users.error().detail);
        return 1;
    }
    auto setup_gate = std::make_shared<SetupGate>();
    std::string setup_token;
    if (*users == 0) {
        auto token = SetupGate::open_token(config.data_dir);
        if (!token) {
            spdlog::critical("cannot keep the first-run setup token: {}", token.error().message);
            return 1;
        }
        setup_token = *token;
        setup_gate->open(config.data_dir, setup_token);
    } else {
        remove_setup_token(config.data_dir);
    }

    net::io_context io;
    HttpClientSettings client_settings;
    client_settings.connect_timeout = config.dispatch.connect_timeout;
    client_settings.total_timeout = config.dispatch.request_timeout;
    client_settings.ca_bundle = config.plivo.ca_bundle;
    client_settings.max_host_connections = config.dispatch.max_concurrent_requests;
    HttpClient http_client(client_settings);

    // Sandbox mode: Plivo is the simulator, served on a loopback port of its own in this process.
    std::shared_ptr<PlivoSimulator> simulator;
    std::shared_ptr<Server> simulator_server;
    std::unique_ptr<CallbackSender> callback_sender;
    if (config.sandbox) {
        simulator = std::make_shared<PlivoSimulator>(SimulatorSettings { config.plivo.auth_id, config.plivo.auth_token });
        auto routes = std::make_shared<Router>();
        add_simulator_routes(*routes, simulator);
        HttpSettings simulator_http = config.http;
        simulator_http.listen_host = "127.0.0.1";
        simulator_http.listen_port = 0;
        simulator_http.max_connections_per_address = 0; // its one client is this process
        simulator_server = std::make_shared<Server>(io, simulator_http, routes);
        auto bound = simulator_server->bind();
        if (!bound) {
            spdlog::critical("cannot start the sandbox's Plivo simulator: {}", bound.error().message);
            return 1;
        }
        simulator_server->start();
        config.plivo.api_url = url_for(*bound);
        // Faster than Plivo's 60/120/240 s so that a sandbox user sees retried reports soon.
        CallbackSenderSettings sender_settings;
        sender_settings.retry_delays = { std::chrono::seconds(1), std::chrono::seconds(5), std::chrono::seconds(15) };
        callback_sender = std::make_unique<CallbackSender>(*simulator, http_client, sender_settings);
    }

    PlivoClient plivo_client({ config.plivo.api_url, config.plivo.auth_id, config.plivo.auth_token, "mmsgate/" + std::string(kVersion) }, http_client);
    auto registry = std::make_shared<MetricsRegistry>();
    add_process_metrics(*registry);
    PlivoClientGateway plivo_gateway(plivo_client);
    MeteredPlivoGateway gateway(plivo_gateway, std::make_shared<PlivoMetrics>(registry));
    auto feed = std::make_shared<MessageFeed>();
    auto dispatcher = std::make_shared<Dispatcher>(io, **database, gateway, config.dispatch, instance_id);
    dispatcher->set_change_listener([feed](std::vector<MessageRecord> const& messages) { feed->publish(messages); });
    set_password_queue_budget(config.login_queue);
    auto sessions = std::make_shared<SessionService>(config, **database);
    Authenticate authenticate = [sessions](Request const& request) { return sessions->authenticate(request); };

    auto router = std::make_shared<Router>();
    add_system_routes(*router, config, **database);
    auto& login_attempts = registry->counter("mmsgate_login_attempts_total",
        "Sign-in attempts by outcome: success, failure (wrong e-mail or password), throttled (too many failures), busy (password checks saturated).",
        { "outcome" });
    for (auto outcome : { "success", "failure", "throttled", "busy" })
        (void)login_attempts.with({ outcome }); // every series from the start, so rates work from zero
    auto count_login_attempt = [&login_attempts](std::string_view outcome) { login_attempts.with({ outcome }).increment(); };
    add_auth_routes(*router, { config, **database, sessions, setup_gate, count_login_attempt });
    add_send_routes(*router, { config, **database, authenticate, dispatcher, feed });
    add_history_routes(*router, { config, **database, authenticate, dispatcher, feed });
    add_cancel_route(*router, { config, **database, authenticate, feed });
    add_test_clock_routes(*router, config, [dispatcher] { dispatcher->wake(); });
    auto webhook_worker = std::make_shared<WebhookWorker>(io, **database, config.webhooks, instance_id, config.plivo.ca_bundle,
        "mmsgate/" + std::string(kVersion) + " (webhooks)");
    add_webhook_routes(*router, { config, **database, authenticate, webhook_worker });
    add_team_routes(*router, { config, **database, authenticate });
    auto audit_retention = std::make_shared<AuditRetention>(io, **database, config.audit_retention_days);
    add_api_key_routes(*router, { config, **database, authenticate });
    add_status_callback_routes(*router, { config, **database, feed, gateway, CallbackTokens(config.nextauth_secret) });
    // Incoming messages (issue 15). The sandbox's simulator serves its pictures over plain http on
    // loopback, so the copier may fetch from it there.
    if (config.sandbox) {
        config.inbound_media.allowed_hosts.push_back("127.0.0.1");
        config.inbound_media.allow_loopback_http = true;
    }
    auto media_copier = std::make_shared<InboundMediaCopier>(**database, feed,
        MediaCopierSettings { config.inbound_media, config.plivo.ca_bundle, instance_id });
    add_suppression_routes(*router, { config, **database, authenticate, [dispatcher] { dispatcher->wake(); } });
    add_inbound_routes(*router,
        { config, **database, feed, gateway, [media_copier] { media_copier->wake(); }, [dispatcher] { dispatcher->wake(); } });
    add_conversation_routes(*router, { config, **database, authenticate, feed });
    add_media_routes(*router, { **database, authenticate });
    add_upload_routes(*router, { config, **database, authenticate });
    if (simulator)
        add_sandbox_inbound_route(*router, { config, simulator, authenticate });
    add_metrics_route(*router, registry, config.metrics_token);
    add_openapi_route(*router);
    add_static_routes(*router);
    // At debug level, for the permission table test (tests/integration/permissions_test.cpp).
    for (auto const& route : router->routes())
        spdlog::debug("route {} {}", std::string(http::to_string(route.method)), route.pattern);

    auto server = std::make_shared<Server>(io, config.http, router);
    server->set_request_observer([metrics = std::make_shared<HttpMetrics>(registry)](RequestRecord const& record) {
        metrics->record(record);
    });
    register_application_metrics(*registry, server, dispatcher, **database);
    auto bound = server->bind();
    if (!bound) {
        spdlog::critical("{}", bound.error().message);
        return 1;
    }
    auto listening_url = url_for(*bound);
    if (!config.nextauth_url_explicit)
        config.nextauth_url = listening_url;
    if (!config.public_url_explicit && !config.nextauth_url_explicit)
        config.public_url = listening_url;
    server->set_site_security(site_security(config, bound->port()));
    dispatcher->set_status_callback(config.public_url + "/api/plivo/status", CallbackTokens(config.nextauth_secret));
    dispatcher->start(!config.uses_postgres());
    media_copier->start(!config.uses_postgres());
    webhook_worker->start(!config.uses_postgres());
    audit_retention->start();
    if (callback_sender)
        net::co_spawn(io, callback_sender->run(), net::detached);
    server->start();

    // Printed whatever the log level: people and scripts (tests, benchmarks) read the address here.
    fmt::print("mmsgate {} listening on {}\n", kVersion, listening_url);
    if (config.sandbox)
        fmt::print("sandbox mode: no PLIVO_* credentials, so messages go to the built-in Plivo simulator; nothing reaches real phones\n");
    if (!setup_token.empty()) {
        // The browser's origin: NEXTAUTH_URL, else the public URL, else the listening address.
        auto origin = !config.nextauth_url_explicit && config.public_url_explicit ? config.public_url : config.nextauth_url;
        fmt::print("no users yet: open {}/setup?token={} to create the first account (this link works once), or run "
                   "`mmsgate user add --email you@example.com --admin`\n",
            origin, setup_token);
    }
    std::fflush(stdout);

    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code error, int signal_number) {
        if (error)
            return;
        spdlog::info("received signal {}: finishing requests in flight, then stopping", signal_number);
        server->stop([&] {
            dispatcher->stop();
            media_copier->stop();
            webhook_worker->stop();
            audit_retention->stop();
            if (callback_sender)
                callback_sender->stop();
            if (simulator_server)
                simulator_server->stop([] { });
            http_client.stop();
            io.stop();
        });
    });

    auto thread_count = config.http.io_threads > 0 ? config.http.io_threads : int(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (int i = 1; i < thread_count; ++i)
        threads.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& thread : threads)
        thread.join();
    (*database)->close();
    if (lock >= 0)
        ::close(lock);
    spdlog::info("mmsgate stopped");
    return 0;
}

}
