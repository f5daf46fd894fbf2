#pragma once
// First-run setup's one-time secret. While no account exists, `mmsgate serve` keeps a random token
// in the data directory (mode 0600) and prints the setup link carrying it; POST /api/setup needs
// it, so only someone who can read the server's output or files can claim the first account (not
// a stranger who reaches the port, nor a web page through DNS rebinding). It is removed as soon as
// an account exists, whoever created it (the setup page or `mmsgate user add`).
#include "core/error.hpp"

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

inline constexpr char kSetupTokenFile[] = "setup-token";

// Deletes the token file if there is one (an account exists now).
void remove_setup_token(std::filesystem::path const& data_dir);

class SetupGate {
public:
    // Closed: no setup is possible (accounts exist).
    SetupGate() = default;
    // Open with the token kept in `data_dir` (the one there, so an earlier link stays valid across
    // restarts, else a fresh one).
    [[nodiscard]] static Result<std::string> open_token(std::filesystem::path const& data_dir);

    void open(std::filesystem::path data_dir, std::string token);
    // True only while open and `candidate` is the token (compared in constant time).
    [[nodiscard]] bool accepts(std::string_view candidate) const;
    // The first account exists: forget the token and delete its file.
    void close();

private:
    mutable std::mutex m_mutex;
    std::optional<std::string> m_token;
    std::filesystem::path m_data_dir;
};

}
