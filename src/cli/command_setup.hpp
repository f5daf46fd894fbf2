#pragma once
// What every database command of the CLI starts with (shared by commands.cpp and key_commands.cpp).
#include "config/config.hpp"
#include "store/database.hpp"
#include "store/user_queries.hpp"

#include <expected>
#include <memory>
#include <optional>
#include <string>

namespace mmsgate {

struct CommandSetup {
    Config config;
    std::unique_ptr<Database> database;
    User user; // when an e-mail address was given
};

// The configuration, the database (migrated), and with `email`, that account. A failure is
// printed; the error is the exit code.
[[nodiscard]] std::expected<CommandSetup, int> open_for_command(std::optional<std::string> const& email = std::nullopt);
// Prints why a write failed; 1 is the exit code.
[[nodiscard]] int report_failure(Error const& error);

}
