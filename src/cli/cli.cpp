#include "cli/cli.hpp"

#include "cli/commands.hpp"
#include "cli/key_commands.hpp"
#include "mmsgate/version.hpp"

#include <CLI/CLI.hpp>
#include <functional>

namespace mmsgate {

int run_cli(int argc, char** argv)
{
    CLI::App app { "mmsgate: a self-hosted MMS sender for Plivo" };
    app.set_version_flag("--version", std::string(kVersion));
    app.require_subcommand(1);

    // Adds a subcommand that sets the exit code from its callback, which CLI11 runs once parsing and
    // its checks succeed.
    int exit_code = 0;
    auto command = [&exit_code](CLI::App* parent, std::string name, std::string description, std::function<int()> run) {
        auto* added = parent->add_subcommand(std::move(name), std::move(description));
        added->callback([&exit_code, run = std::move(run)] { exit_code = run(); });
        return added;
    };
    // A command that only groups others: one of them must be named.
    auto group = [&app](std::string name, std::string description) {
        auto* added = app.add_subcommand(std::move(name), std::move(description));
        added->require_subcommand(1);
        return added;
    };
    auto requires_account_email = [](CLI::App* account_command, std::string& email) {
        account_command->add_option("--email", email, "The account's e-mail address")->required();
    };
    auto takes_password_from_stdin = [](CLI::App* password_command, bool& password_stdin) {
        password_command->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
    };

    command(&app, "serve", "Run the web UI and the HTTP API", serve_command);
    command(&app, "migrate", "Apply pending database migrations and exit", migrate_command);

    auto* config = group("config", "Inspect the configuration");
    command(config, "check", "Validate the configuration and print it with secrets masked", config_check_command);

    UserCommandOptions user_options;
    auto* user = group("user", "Manage accounts");
    auto* user_add = command(user, "add", "Create an account (password from a hidden prompt or --password-stdin)",
        [&] { return user_add_command(user_options); });
    user_add->add_option("--email", user_options.email, "E-mail address, used to log in")->required();
    user_add->add_option("--name", user_options.name, "Display name");
    user_add->add_flag("--admin", user_options.admin, "The admin role (the same as --role admin)");
    user_add->add_option("--role", user_options.role, "admin, sender (the default) or viewer")
        ->check(CLI::IsMember({ "admin", "sender", "viewer" }));
    takes_password_from_stdin(user_add, user_options.password_stdin);
    auto* user_passwd = command(user, "passwd", "Set a new password (ends the account's existing sessions)",
        [&] { return user_passwd_command(user_options); });
    requires_account_email(user_passwd, user_options.email);
    takes_password_from_stdin(user_passwd, user_options.password_stdin);
    command(user, "list", "List accounts", user_list_command);
    auto* user_role = command(user, "role", "Change an account's role (ends its existing sessions)",
        [&] { return user_role_command(user_options); });
    requires_account_email(user_role, user_options.email);
    user_role->add_option("--role", user_options.role, "admin, sender or viewer")
        ->required()
        ->check(CLI::IsMember({ "admin", "sender", "viewer" }));
    requires_account_email(command(user, "disable", "Disable an account: its sessions stop working at once",
                               [&] { return user_set_disabled_command(user_options, true); }),
        user_options.email);
    requires_account_email(command(user, "enable", "Enable a disabled account",
                               [&] { return user_set_disabled_command(user_options, false); }),
        user_options.email);

    KeyCommandOptions key_options;
    auto* key = group("key", "Manage API keys");
    auto* key_create = command(key, "create",
        "Create an API key for an account; the key is printed once, on standard output",
        [&] { return key_create_command(key_options); });
    key_create->add_option("--user", key_options.email, "The e-mail address of the account the key acts for")->required();
    key_create->add_option("--name", key_options.name, "What the key is for")->required();
    key_create->add_option("--scopes", key_options.scopes, "Comma-separated: messages:send,messages:read,conversations:read,"
        "suppressions:read,suppressions:write,admin")->required();
    key_create->add_option("--expires-days", key_options.expires_days, "Days until the key expires (default: never)")
        ->check(CLI::Range(1, 3650));
    command(key, "list", "List API keys (never the keys themselves)", key_list_command);
    command(key, "revoke", "Revoke an API key: it stops working at once", [&] { return key_revoke_command(key_options); })
        ->add_option("id", key_options.id, "The key's id (from mmsgate key list)")
        ->required();

    SimulatorCommandOptions simulator_options;
    auto* simulator = command(&app, "plivo-sim", "Run the Plivo simulator (for tests and demos)",
        [&] { return simulator_command(simulator_options); });
    simulator->add_option("--listen", simulator_options.listen, "host:port to listen on")->default_val("127.0.0.1:8900");
    simulator->add_option("--auth-id", simulator_options.auth_id, "The Plivo auth id it accepts")->default_val("MASIMULATOR000000000");
    simulator->add_option("--auth-token", simulator_options.auth_token, "The Plivo auth token it accepts (and signs callbacks with)")
        ->default_val("simulator-auth-token");
    simulator->add_option("--callback-retry-ms", simulator_options.callback_retry_ms,
        "Retry delays of failed callbacks in ms (Plivo: 60000 120000 240000)");

    PlivoSetupOptions setup_options;
    auto* plivo = group("plivo", "Work with the Plivo account");
    auto* plivo_setup = command(plivo, "setup",
        "Create or update the Plivo application whose message_url is this server (MMSGATE_PUBLIC_URL) and attach the number(s)",
        [&] { return plivo_setup_command(setup_options); });
    plivo_setup->add_option("--number", setup_options.numbers, "A number to attach (repeatable; default PLIVO_SENDER_NUMBER)");
    plivo_setup->add_option("--app-name", setup_options.app_name, "The application's name")->default_val("mmsgate");

    CLI11_PARSE(app, argc, argv);
    return exit_code;
}

}
