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

    // Each command sets the exit code from its callback, which CLI11 runs once parsing and its checks succeed.
    int exit_code = 0;
    auto runs = [&exit_code](CLI::App* command, std::function<int()> run) {
        command->callback([&exit_code, run = std::move(run)] { exit_code = run(); });
    };

    auto* serve = app.add_subcommand("serve", "Run the web UI and the HTTP API");
    runs(serve, serve_command);
    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
    runs(migrate, migrate_command);

    auto* config = app.add_subcommand("config", "Inspect the configuration");
    config->require_subcommand(1);
    auto* check = config->add_subcommand("check", "Validate the configuration and print it with secrets masked");
    runs(check, config_check_command);

    UserCommandOptions user_options;
    auto* user = app.add_subcommand("user", "Manage accounts");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Create an account (password from a hidden prompt or --password-stdin)");
    runs(user_add, [&] { return user_add_command(user_options); });
    user_add->add_option("--email", user_options.email, "E-mail address, used to log in")->required();
    user_add->add_option("--name", user_options.name, "Display name");
    user_add->add_flag("--admin", user_options.admin, "The admin role (the same as --role admin)");
    user_add->add_option("--role", user_options.role, "admin, sender (the default) or viewer")
        ->check(CLI::IsMember({ "admin", "sender", "viewer" }));
    user_add->add_flag("--password-stdin", user_options.password_stdin, "Read the password from standard input");
    auto* user_passwd = user->add_subcommand("passwd", "Set a new password (ends the account's existing sessions)");
    runs(user_passwd, [&] { return user_passwd_command(user_options); });
    user_passwd->add_option("--email", user_options.email, "The account's e-mail address")->required();
    user_passwd->add_flag("--password-stdin", user_options.password_stdin, "Read the password from standard input");
    auto* user_list = user->add_subcommand("list", "List accounts");
    runs(user_list, user_list_command);
    auto* user_role = user->add_subcommand("role", "Change an account's role (ends its existing sessions)");
    runs(user_role, [&] { return user_role_command(user_options); });
    user_role->add_option("--email", user_options.email, "The account's e-mail address")->required();
    user_role->add_option("--role", user_options.role, "admin, sender or viewer")
        ->required()
        ->check(CLI::IsMember({ "admin", "sender", "viewer" }));
    auto* user_disable = user->add_subcommand("disable", "Disable an account: its sessions stop working at once");
    runs(user_disable, [&] { return user_set_disabled_command(user_options, true); });
    user_disable->add_option("--email", user_options.email, "The account's e-mail address")->required();
    auto* user_enable = user->add_subcommand("enable", "Enable a disabled account");
    runs(user_enable, [&] { return user_set_disabled_command(user_options, false); });
    user_enable->add_option("--email", user_options.email, "The account's e-mail address")->required();

    KeyCommandOptions key_options;
    auto* key = app.add_subcommand("key", "Manage API keys");
    key->require_subcommand(1);
    auto* key_create = key->add_subcommand("create", "Create an API key for an account; the key is printed once, on standard output");
    runs(key_create, [&] { return key_create_command(key_options); });
    key_create->add_option("--user", key_options.email, "The e-mail address of the account the key acts for")->required();
    key_create->add_option("--name", key_options.name, "What the key is for")->required();
    key_create->add_option("--scopes", key_options.scopes, "Comma-separated: messages:send,messages:read,conversations:read,"
        "suppressions:read,suppressions:write,admin")->required();
    key_create->add_option("--expires-days", key_options.expires_days, "Days until the key expires (default: never)")
        ->check(CLI::Range(1, 3650));
    auto* key_list = key->add_subcommand("list", "List API keys (never the keys themselves)");
    runs(key_list, key_list_command);
    auto* key_revoke = key->add_subcommand("revoke", "Revoke an API key: it stops working at once");
    runs(key_revoke, [&] { return key_revoke_command(key_options); });
    key_revoke->add_option("id", key_options.id, "The key's id (from mmsgate key list)")->required();

    SimulatorCommandOptions simulator_options;
    auto* simulator = app.add_subcommand("plivo-sim", "Run the Plivo simulator (for tests and demos)");
    runs(simulator, [&] { return simulator_command(simulator_options); });
    simulator->add_option("--listen", simulator_options.listen, "host:port to listen on")->default_val("127.0.0.1:8900");
    simulator->add_option("--auth-id", simulator_options.auth_id, "The Plivo auth id it accepts")->default_val("MASIMULATOR000000000");
    simulator->add_option("--auth-token", simulator_options.auth_token, "The Plivo auth token it accepts (and signs callbacks with)")
        ->default_val("simulator-auth-token");
    simulator->add_option("--callback-retry-ms", simulator_options.callback_retry_ms,
        "Retry delays of failed callbacks in ms (Plivo: 60000 120000 240000)");

    PlivoSetupOptions setup_options;
    auto* plivo = app.add_subcommand("plivo", "Work with the Plivo account");
    plivo->require_subcommand(1);
    auto* plivo_setup = plivo->add_subcommand("setup",
        "Create or update the Plivo application whose message_url is this server (MMSGATE_PUBLIC_URL) and attach the number(s)");
    runs(plivo_setup, [&] { return plivo_setup_command(setup_options); });
    plivo_setup->add_option("--number", setup_options.numbers, "A number to attach (repeatable; default PLIVO_SENDER_NUMBER)");
    plivo_setup->add_option("--app-name", setup_options.app_name, "The application's name")->default_val("mmsgate");

    CLI11_PARSE(app, argc, argv);
    return exit_code;
}

}
