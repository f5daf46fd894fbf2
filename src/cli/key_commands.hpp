#pragma once
// `mmsgate key create|list|revoke`: API keys from the command line (audited like the web UI's).
#include <optional>
#include <string>

namespace mmsgate {

struct KeyCommandOptions {
    std::string email;
    std::string name;
    std::string scopes; // comma-separated
    std::optional<int> expires_days;
    std::string id;
};

[[nodiscard]] int key_create_command(KeyCommandOptions const& options);
[[nodiscard]] int key_list_command();
[[nodiscard]] int key_revoke_command(KeyCommandOptions const& options);

}
