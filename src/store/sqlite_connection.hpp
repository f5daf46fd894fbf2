#pragma once
// A connection to an SQLite file. Opening it turns on WAL (readers run beside the one writer),
// synchronous=FULL (a COMMIT that returned is on disk: WAL with NORMAL may lose the last commits on
// power loss, and group commit already amortises the fsync), foreign keys and the busy timeout.
#include "store/sql_connection.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace mmsgate {

struct SqliteOptions {
    std::string path;
    // The connection refuses to write (PRAGMA query_only), for reader threads.
    bool read_only = false;
    // How long a statement waits for another connection's lock before failing with Unavailable.
    std::chrono::milliseconds busy_timeout { 5000 };
    // A statement running longer is interrupted (DeadlineExceeded); zero means no limit.
    std::chrono::milliseconds statement_timeout { 10000 };
};

class SqliteConnection : public SqlConnection {
public:
    [[nodiscard]] Dialect dialect() const final { return Dialect::Sqlite; }

    // Creates the file if it does not exist (not its directory). Unavailable when it cannot be opened.
    [[nodiscard]] static Result<std::unique_ptr<SqliteConnection>> open(SqliteOptions const& options);
};

}
