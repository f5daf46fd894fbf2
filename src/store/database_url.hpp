#pragma once
// Which backend a DATABASE_URL names: postgresql:// or postgres:// is PostgreSQL (the URL goes to
// libpq as it is); sqlite:PATH, sqlite://PATH, file:PATH, file://PATH or a bare path is an SQLite file.
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <string>
#include <string_view>

namespace mmsgate {

struct DatabaseLocation {
    Dialect dialect = Dialect::Sqlite;
    // The libpq URL, or the SQLite file path.
    std::string target;
};

// InvalidArgument for an empty URL, another scheme, or an in-memory SQLite database (each of the
// database's threads would see its own empty one).
[[nodiscard]] Result<DatabaseLocation> parse_database_url(std::string_view url);

}
