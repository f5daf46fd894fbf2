#include "cli/commands.hpp"

#include "cli/command_setup.hpp"

#include "app/application.hpp"
#include "app/simulator_routes.hpp"
#include "auth/password.hpp"
#include "auth/setup_token.hpp"
#include "config/config.hpp"
#include "http/server.hpp"
#include "plivo/http_client.hpp"
#include "plivo/simulator/callback_sender.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/user_queries.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace mmsgate {

namespace {

std::optional<std::pair<Environment, Config>> load_everything()
{
    auto environment = Environment::load(std::filesystem::current_path());
    if (!environment) {
        std::cerr << environment.error().message << "\n";
        return std::nullopt;
    }
    auto config = load_config(*environment);
    if (!config) {
        std::cerr << config.error().message << "\n";
        return std::nullopt;
    }
    return std::pair { std::move(*environment), std::move(*config) };
}

std::unique_ptr<Database> open_database(Config const& config)
{
    DatabaseSettings settings;
    settings.url = config.uses_postgres() ? config.database_url : config.sqlite_path();
    settings.pool_size = 2;
    auto database = Database::open(settings);
    if (!database) {
        std::cerr << "cannot open the database: " << database.error().message << "\n";
        return nullptr;
    }
    return std::move(*database);
}

std::optional<std::string> read_password(bool from_stdin, bool confirm)
{
    std::string password;
    if (from_stdin) {
        if (!std::getline(std::cin, password))
            return std::nullopt;
        if (!password.empty() && password.back() == '\r')
            password.pop_back();
        return password;
    }
    // Hidden prompt: echo off on the terminal while the password is typed.
    termios saved {};
    bool is_terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    auto prompt = [&](char const* text) -> std::optional<std::string> {
        std::cerr << text << std::flush;
        if (is_terminal) {
            termios hidden = saved;
            hidden.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
        }
        std::string line;
        bool ok = bool(std::getline(std::cin, line));
        if (is_terminal) {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved);
            std::cerr << "\n";
        }
        if (!ok)
            return std::nullopt;
        return line;
    };
    auto first = prompt("Password: ");
    if (!first)
        return std::nullopt;
    if (confirm) {
        auto second = prompt("Repeat password: ");
        if (!second || *second != *first) {
            std::cerr << "the passwords differ\n";
            return std::nullopt;
        }
    }
    return first;
}

std::optional<std::string> new_password_hash(UserCommandOptions const& options, Config const& config)
{
    auto password = read_password(options.password_stdin, !options.password_stdin);
    if (!password) {
        std::cerr << "no password given\n";
        return std::nullopt;
    }
    if (password->size() < 8) {
        std::cerr << "the password must have at least 8 characters\n";
        return std::nullopt;
    }
    auto hash = hash_password(*password, config.bcrypt_cost);
    if (!hash) {
        std::cerr << hash.error().message << "\n";
        return std::nullopt;
    }
    return *hash;
}

Result<User> user_by_email(Database& database, std::string const& email)
{
    auto user = database.read_blocking<std::optional<User>>(
        [email](SqlConnection& connection) { return find_user_by_email(connection, email); });
    if (!user)
        return std::unexpected(std::move(user.error()));
    if (!*user)
        return fail(ErrorCode::NotFound, "no account with the e-mail address " + email);
    return std::move(**user);
}

}

std::expected<CommandSetup, int> open_for_command(std::optional<std::string> const& email)
{
    auto loaded = load_everything();
    if (!loaded)
        return std::unexpected(2);
    CommandSetup setup;
    setup.config = std::move(loaded->second);
    setup.database = open_database(setup.config);
    if (!setup.database)
        return std::unexpected(1);
    if (email) {
        auto user = user_by_email(*setup.database, *email);
        if (!user) {
            std::cerr << user.error().message << "\n";
            return std::unexpected(1);
        }
        setup.user = std::move(*user);
    }
    return setup;
}

int report_failure(Error const& error)
{
    std::cerr << error.message << "\n";
    return 1;
}

int serve_command()
{
    auto loaded = load_everything();
    if (!loaded)
        return 2;
    return run_server(std::move(loaded->second));
}

int migrate_command()
{
    // Opening applies pending migrations.
    auto setup = open_for_command();
    if (!setup)
        return setup.error();
    std::cout << "the database is up to date\n";
    return 0;
}

int config_check_command()
{
    auto loaded = load_everything();
    if (!loaded)
        return 2;
    auto const& [environment, config] = *loaded;
    for (auto const& line : describe_config(config, environment))
        std::cout << line << "\n";
    std::cout << (config.sandbox ? "mode: sandbox (no Plivo credentials: messages go to the built-in simulator)\n"
                                 : "mode: live (messages go to Plivo)\n");
    return 0;
}

int user_add_command(UserCommandOptions const& options)
{
    if (options.email.find('@') == std::string::npos) {
        std::cerr << "'" << options.email << "' is not an e-mail address\n";
        return 2;
    }
    auto setup = open_for_command();
    if (!setup)
        return setup.error();
    auto hash = new_password_hash(options, setup->config);
    if (!hash)
        return 2;
    if (options.admin && !options.role.empty() && options.role != "admin") {
        std::cerr << "--admin and --role " << options.role << " contradict each other\n";
        return 2;
    }
    auto role = !options.role.empty() ? options.role : std::string(options.admin ? "admin" : "sender");
    NewUser user { options.email, options.name.empty() ? std::nullopt : std::optional(options.name), *hash, role == "admin", role };
    auto created = setup->database->write_blocking<User>(
        [user](SqlConnection& connection) { return create_user(connection, user, now_millis()); });
    if (!created) {
        std::cerr << (created.error().code == ErrorCode::AlreadyExists ? "an account with that e-mail address exists already"
                                                                          : created.error().message)
                  << "\n";
        return 1;
    }
    // An account exists now: the first-run setup link of a running or later server stops working.
    remove_setup_token(setup->config.data_dir);
    std::cout << "created " << (role == "admin" ? "admin " : role == "viewer" ? "viewer " : "") << "account " << options.email
              << " (id " << created->id << ")\n";
    return 0;
}

int user_passwd_command(UserCommandOptions const& options)
{
    auto setup = open_for_command(options.email);
    if (!setup)
        return setup.error();
    auto hash = new_password_hash(options, setup->config);
    if (!hash)
        return 2;
    auto saved = setup->database->write_blocking<void>([id = setup->user.id, hash = *hash](SqlConnection& connection) {
        return set_user_password(connection, id, hash, now_millis());
    });
    if (!saved)
        return report_failure(saved.error());
    std::cout << "password changed for " << options.email << "; its earlier sessions no longer work\n";
    return 0;
}

int user_list_command()
{
    auto setup = open_for_command();
    if (!setup)
        return setup.error();
    auto users = setup->database->read_blocking<std::vector<User>>([](SqlConnection& connection) { return list_users(connection); });
    if (!users)
        return report_failure(users.error());
    std::cout << fmt::format("{:<26} {:<32} {:<20} {:<6} {:<8} {}\n", "ID", "EMAIL", "NAME", "ADMIN", "ROLE", "STATUS");
    for (auto const& user : *users)
        std::cout << fmt::format("{:<26} {:<32} {:<20} {:<6} {:<8} {}\n", user.id, user.email.value_or("-"), user.name.value_or("-"),
            user.is_admin ? "yes" : "no", user.role, user.disabled ? "disabled" : "active");
    return 0;
}

int user_role_command(UserCommandOptions const& options)
{
    auto setup = open_for_command(options.email);
    if (!setup)
        return setup.error();
    auto saved = setup->database->write_blocking<void>([user = setup->user, role = options.role](SqlConnection& connection) -> Result<void> {
        if (user.role == "admin" && role != "admin" && !user.disabled) {
            auto admins = count_active_admins(connection);
            if (!admins)
                return std::unexpected(std::move(admins.error()));
            if (*admins <= 1)
                return fail(ErrorCode::Conflict, "this is the last active admin: make another account admin first");
        }
        return set_user_role(connection, user.id, role, now_millis());
    });
    if (!saved)
        return report_failure(saved.error());
    std::cout << options.email << " is now " << options.role << "; its earlier sessions no longer work\n";
    return 0;
}

int user_set_disabled_command(UserCommandOptions const& options, bool disabled)
{
    auto setup = open_for_command(options.email);
    if (!setup)
        return setup.error();
    auto saved = setup->database->write_blocking<void>([id = setup->user.id, disabled](SqlConnection& connection) {
        return set_user_disabled(connection, id, disabled, now_millis());
    });
    if (!saved)
        return report_failure(saved.error());
    std::cout << options.email << (disabled ? " is disabled; its sessions stop working at their next request\n" : " is enabled\n");
    return 0;
}

int simulator_command(SimulatorCommandOptions const& options)
{
    if (auto const* level = std::getenv("MMSGATE_LOG_LEVEL"))
        spdlog::set_level(spdlog::level::from_str(level));
    HttpSettings http;
    auto colon = options.listen.rfind(':');
    if (colon == std::string::npos) {
        std::cerr << "--listen must be host:port\n";
        return 2;
    }
    http.listen_host = options.listen.substr(0, colon);
    if (http.listen_host.starts_with('[') && http.listen_host.ends_with(']'))
        http.listen_host = http.listen_host.substr(1, http.listen_host.size() - 2);
    http.listen_port = std::uint16_t(std::stoi(options.listen.substr(colon + 1)));
    http.max_connections = 100000;
    http.max_connections_per_address = 0; // Plivo's stand-in: its one client is mmsgate

    net::io_context io;
    auto simulator = std::make_shared<PlivoSimulator>(SimulatorSettings { options.auth_id, options.auth_token });
    auto router = std::make_shared<Router>();
    add_simulator_routes(*router, simulator);
    auto server = std::make_shared<Server>(io, http, router);
    auto bound = server->bind();
    if (!bound) {
        std::cerr << bound.error().message << "\n";
        return 1;
    }
    server->start();
    HttpClient callbacks_client;
    CallbackSenderSettings sender_settings;
    if (!options.callback_retry_ms.empty()) {
        sender_settings.retry_delays.clear();
        for (auto milliseconds : options.callback_retry_ms)
            sender_settings.retry_delays.push_back(std::chrono::milliseconds(milliseconds));
    }
    CallbackSender sender(*simulator, callbacks_client, sender_settings);
    net::co_spawn(io, sender.run(), net::detached);
    fmt::print("plivo-sim listening on http://{}:{} (auth id {})\n", bound->address().to_string(), bound->port(), options.auth_id);
    std::fflush(stdout);

    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) {
        sender.stop();
        server->stop([&] {
            callbacks_client.stop();
            io.stop();
        });
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < std::max(1u, std::thread::hardware_concurrency()); ++i)
        threads.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& thread : threads)
        thread.join();
    return 0;
}

int plivo_setup_command(PlivoSetupOptions const& options)
{
    auto loaded = load_everything();
    if (!loaded)
        return 1;
    return plivo_setup(loaded->second, options);
}

}
