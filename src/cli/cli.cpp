#include "cli/cli.hpp"

#include "config/config.hpp"
#include "mmsgate/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace mmsgate {

namespace {

int config_check()
{
    auto environment = Environment::load(std::filesystem::current_path());
    if (!environment) {
        std::cerr << environment.error().message << "\n";
        return 2;
    }
    auto config = load_config(*environment);
    if (!config) {
        std::cerr << config.error().message << "\n";
        return 2;
    }
    for (auto const& line : describe_config(*config, *environment))
        std::cout << line << "\n";
    std::cout << (config->sandbox ? "mode: sandbox (no Plivo credentials: messages go to the built-in simulator)\n"
                                  : "mode: live (messages go to Plivo)\n");
    return 0;
}

}

int run_cli(int argc, char** argv)
{
    CLI::App app { "mmsgate: a self-hosted MMS sender for Plivo" };
    app.set_version_flag("--version", std::string(kVersion));
    app.require_subcommand(1);

    auto* config = app.add_subcommand("config", "Inspect the configuration");
    config->require_subcommand(1);
    auto* check = config->add_subcommand("check", "Validate the configuration and print it with secrets masked");

    CLI11_PARSE(app, argc, argv);
    if (check->parsed())
        return config_check();
    return 0;
}

}
