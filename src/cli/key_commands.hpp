#pragma once
// `mmsgate key create|list|revoke`: API keys from the command line (audited like the web UI's).
#include <string>

namespace mmsgate {

struct KeyCommandOptions {
    std::string email;
    std::string name;
    std::string scopes; // comma-separated
    int expires_days = 0; // 0: never
    std::string id;
};

[[nodiscard]] int key_create_command(KeyCommandOptions const& options);
[[nodiscard]] int key_list_command();
[[nodiscard]] int key_revoke_command(KeyCommandOptions const& options);

}
