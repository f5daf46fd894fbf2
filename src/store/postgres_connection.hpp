#pragma once
// A connection to PostgreSQL through libpq. The URL goes to libpq as it is, so every libpq
// parameter in it (sslmode, sslrootcert, options, …) applies; mmsgate only adds defaults for the
// connect timeout, TCP keepalives and application_name, which the URL may override. Every call has
// a client-side deadline too, so a server that stopped answering cannot hang a thread.
#include "store/sql_connection.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace mmsgate {

struct PostgresOptions {
    std::string url;
    // Sent as statement_timeout; the client gives up (and drops the connection) a few seconds later.
    std::chrono::milliseconds statement_timeout { 10000 };
    std::chrono::milliseconds connect_timeout { 5000 };
};

class PostgresConnection : public SqlConnection {
public:
    // Unavailable when the server cannot be reached or refuses the login.
    [[nodiscard]] static Result<std::unique_ptr<PostgresConnection>> open(PostgresOptions const& options);

    [[nodiscard]] Dialect dialect() const final { return Dialect::Postgres; }
    // Reads what the server sent while the connection sat idle (a shutdown or termination notice)
    // without blocking; false when the connection turned out to be closed.
    [[nodiscard]] virtual bool check_alive() = 0;
    // True when a statement of the open transaction failed: PostgreSQL then ignores everything up to
    // ROLLBACK, and would answer a COMMIT with a silent rollback.
    [[nodiscard]] virtual bool transaction_failed() const = 0;
};

}
