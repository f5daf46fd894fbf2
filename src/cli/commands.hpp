#pragma once
// The subcommands behind the `mmsgate` command line; each returns the process exit code.
#include "cli/plivo_setup.hpp"

#include <string>
#include <vector>

namespace mmsgate {

struct UserCommandOptions {
    std::string email;
    std::string name;
    bool admin = false;
    std::string role; // admin | sender | viewer; empty: admin with --admin, else sender
    bool password_stdin = false;
};

struct SimulatorCommandOptions {
    std::string listen;
    std::string auth_id;
    std::string auth_token;
    std::vector<int> callback_retry_ms;
};

[[nodiscard]] int serve_command();
[[nodiscard]] int migrate_command();
[[nodiscard]] int config_check_command();
[[nodiscard]] int user_add_command(UserCommandOptions const& options);
[[nodiscard]] int user_passwd_command(UserCommandOptions const& options);
[[nodiscard]] int user_list_command();
// Sets the role (ends the account's sessions); refuses to demote the last active admin.
[[nodiscard]] int user_role_command(UserCommandOptions const& options);
[[nodiscard]] int user_set_disabled_command(UserCommandOptions const& options, bool disabled);
[[nodiscard]] int simulator_command(SimulatorCommandOptions const& options);
[[nodiscard]] int plivo_setup_command(PlivoSetupOptions const& options);

}
