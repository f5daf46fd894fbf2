#include "store/database_url.hpp"

#include <array>

namespace mmsgate {

Result<DatabaseLocation> parse_database_url(std::string_view url)
{
    if (url.empty())
        return fail_field("DATABASE_URL", "the database URL is empty");
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return DatabaseLocation { Dialect::Postgres, std::string(url) };

    // Longer prefixes first: "sqlite:///data/x.db" is the absolute path /data/x.db.
    constexpr std::array<std::string_view, 4> kSqlitePrefixes { "sqlite://", "sqlite:", "file://", "file:" };
    std::string_view path = url;
    bool had_prefix = false;
    for (auto prefix : kSqlitePrefixes) {
        if (path.starts_with(prefix)) {
            path.remove_prefix(prefix.size());
            had_prefix = true;
            break;
        }
    }
    if (!had_prefix) {
        auto scheme_end = url.find("://");
        if (scheme_end != std::string_view::npos && url.substr(0, scheme_end).find('/') == std::string_view::npos)
            return fail_field("DATABASE_URL", "expected postgresql://…, postgres://…, sqlite:PATH, file:PATH or a path");
    }
    if (path.empty())
        return fail_field("DATABASE_URL", "the SQLite database URL has no file path");
    if (path.starts_with(":memory:") || path.find("mode=memory") != std::string_view::npos)
        return fail_field("DATABASE_URL", "an in-memory SQLite database cannot be used: give a file path");
    return DatabaseLocation { Dialect::Sqlite, std::string(path) };
}

}
