#include "store/database.hpp"

#include "store/database_backends.hpp"
#include "store/database_url.hpp"
#include "store/postgres_connection.hpp"
#include "store/sqlite_connection.hpp"

namespace mmsgate {

Result<std::unique_ptr<Database>> Database::open(DatabaseSettings const& settings)
{
    auto location = parse_database_url(settings.url);
    if (!location)
        return std::unexpected(std::move(location.error()));
    if (location->dialect == Dialect::Postgres)
        return open_postgres_database(settings);
    return open_sqlite_database(location->target, settings);
}

bool Database::read_here(Job&, std::optional<Error>&)
{
    return false;
}

Result<std::unique_ptr<SqlConnection>> Database::connect(DatabaseSettings const& settings)
{
    auto location = parse_database_url(settings.url);
    if (!location)
        return std::unexpected(std::move(location.error()));
    if (location->dialect == Dialect::Postgres) {
        auto connection = PostgresConnection::open({ .url = location->target, .statement_timeout = settings.statement_timeout });
        if (!connection)
            return std::unexpected(std::move(connection.error()));
        return std::unique_ptr<SqlConnection>(std::move(*connection));
    }
    if (auto created = ensure_parent_directory(location->target); !created)
        return std::unexpected(std::move(created.error()));
    auto connection = SqliteConnection::open(
        { .path = location->target, .busy_timeout = settings.busy_timeout, .statement_timeout = settings.statement_timeout });
    if (!connection)
        return std::unexpected(std::move(connection.error()));
    return std::unique_ptr<SqlConnection>(std::move(*connection));
}

}
