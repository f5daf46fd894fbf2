#pragma once
// The two Database implementations, created by Database::open. Internal to src/store.
#include "store/database.hpp"

#include <filesystem>

namespace mmsgate {

// The file (and its directory) must be creatable; migrations run before it returns.
[[nodiscard]] Result<std::unique_ptr<Database>> open_sqlite_database(
    std::filesystem::path const& path, DatabaseSettings const& settings);
[[nodiscard]] Result<std::unique_ptr<Database>> open_postgres_database(DatabaseSettings const& settings);

// Creates the directory an SQLite file goes in.
[[nodiscard]] Result<void> ensure_parent_directory(std::filesystem::path const& path);

}
