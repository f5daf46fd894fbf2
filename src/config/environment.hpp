#pragma once
// The variables configuration is read from: the process environment first, then `.env.local`,
// then `.env` in the working directory (the first place that defines a name wins, as in Next.js).
#include "core/error.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace mmsgate {

class Environment {
public:
    // The real process environment plus the two files in `directory`.
    [[nodiscard]] static Result<Environment> load(std::filesystem::path const& directory);
    // Only the given variables (tests).
    [[nodiscard]] static Environment from_map(std::map<std::string, std::string> variables);

    // An empty value counts as absent, as the seed's `process.env.X || …` checks treat it.
    [[nodiscard]] std::optional<std::string> get(std::string const& name) const;
    // Where a variable came from ("environment", ".env.local", ".env"), for `config check`.
    [[nodiscard]] std::string source_of(std::string const& name) const;

private:
    std::map<std::string, std::pair<std::string, std::string>> m_variables; // name -> (value, source)
};

// Parses dotenv text: KEY=VALUE lines, `export` prefixes, # comments, single or double quotes
// (double quotes understand \n). A line that is none of these is an error naming its number.
[[nodiscard]] Result<std::map<std::string, std::string>> parse_dotenv(std::string_view text);

}
