#include "store/sqlite_connection.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unordered_map>

namespace mmsgate {

namespace {

// Prepared statements are kept by SQL text; queries are constant strings in the code, so the cache
// stays small, but a cap protects against a caller that builds SQL dynamically.
constexpr std::size_t kMaxCachedStatements = 256;
// How many virtual-machine steps run between two checks of the statement deadline.
constexpr int kProgressInterval = 1000;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view> {}(text); }
};

std::string shorten(std::string_view sql)
{
    constexpr std::size_t kLimit = 200;
    return sql.size() <= kLimit ? std::string(sql) : fmt::format("{}…", sql.substr(0, kLimit));
}

Error sqlite_error(sqlite3* database, int code, std::string_view sql)
{
    char const* message = database ? sqlite3_errmsg(database) : sqlite3_errstr(code);
    auto detail = fmt::format("sqlite error {} ({}): {}; statement: {}", code, sqlite3_errstr(code), message, shorten(sql));
    switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return Error { ErrorCode::AlreadyExists, "already exists", std::move(detail) };
    default:
        break;
    }
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error { ErrorCode::Unavailable, "the database is busy", std::move(detail) };
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_READONLY:
        return Error { ErrorCode::Unavailable, "the database is unavailable", std::move(detail) };
    case SQLITE_INTERRUPT:
        return Error { ErrorCode::DeadlineExceeded, "the database did not answer in time", std::move(detail) };
    default:
        return Error { ErrorCode::Internal, "database error", std::move(detail) };
    }
}

class SqliteConnectionImpl final : public SqliteConnection {
public:
    SqliteConnectionImpl(sqlite3* database, SqliteOptions const& options)
        : m_database(database)
        , m_statement_timeout(options.statement_timeout)
    {
        if (m_statement_timeout.count() > 0)
            sqlite3_progress_handler(m_database, kProgressInterval, &SqliteConnectionImpl::on_progress, this);
    }

    ~SqliteConnectionImpl() override
    {
        clear_statements();
        sqlite3_close_v2(m_database);
    }

    SqliteConnectionImpl(SqliteConnectionImpl const&) = delete;
    SqliteConnectionImpl& operator=(SqliteConnectionImpl const&) = delete;

    Result<SqlResult> execute(std::string_view sql, SqlParams const& params) override
    {
        auto statement = prepare(sql);
        if (!statement)
            return std::unexpected(std::move(statement.error()));
        // Reset and unbind on every path so the cached statement holds no lock and no parameter.
        struct ResetGuard {
            sqlite3_stmt* statement;
            ~ResetGuard()
            {
                sqlite3_reset(statement);
                sqlite3_clear_bindings(statement);
            }
        } reset_guard { *statement };

        if (auto bound = bind(*statement, sql, params); !bound)
            return std::unexpected(std::move(bound.error()));

        start_deadline();
        auto changes_before = sqlite3_total_changes64(m_database);
        SqlResult result;
        while (true) {
            int code = sqlite3_step(*statement);
            if (code == SQLITE_DONE)
                break;
            if (code != SQLITE_ROW)
                return std::unexpected(error(code, sql));
            result.rows.push_back(read_row(*statement));
        }
        // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE, so it is only this
        // statement's when the total moved.
        if (sqlite3_total_changes64(m_database) != changes_before)
            result.affected_rows = sqlite3_changes64(m_database);
        return result;
    }

    Result<void> execute_script(std::string_view sql) override
    {
        std::string script(sql);
        start_deadline();
        char* message = nullptr;
        int code = sqlite3_exec(m_database, script.c_str(), nullptr, nullptr, &message);
        sqlite3_free(message);
        if (code != SQLITE_OK)
            return std::unexpected(error(sqlite3_extended_errcode(m_database), sql));
        return {};
    }

    bool healthy() const override { return m_healthy; }
    bool in_transaction() const override { return sqlite3_get_autocommit(m_database) == 0; }

private:
    static int on_progress(void* context)
    {
        auto* self = static_cast<SqliteConnectionImpl*>(context);
        return std::chrono::steady_clock::now() > self->m_deadline ? 1 : 0;
    }

    void start_deadline() { m_deadline = std::chrono::steady_clock::now() + m_statement_timeout; }

    Error error(int code, std::string_view sql)
    {
        int primary = code & 0xff;
        if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
            m_healthy = false;
        return sqlite_error(m_database, code, sql);
    }

    Result<sqlite3_stmt*> prepare(std::string_view sql)
    {
        if (auto found = m_statements.find(sql); found != m_statements.end())
            return found->second;
        sqlite3_stmt* statement = nullptr;
        char const* tail = nullptr;
        int code = sqlite3_prepare_v3(m_database, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
            &statement, &tail);
        if (code != SQLITE_OK)
            return std::unexpected(error(sqlite3_extended_errcode(m_database), sql));
        std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
        bool trailing_statement = rest.find_first_not_of(" \t\r\n;") != std::string_view::npos;
        if (statement == nullptr || trailing_statement) {
            sqlite3_finalize(statement);
            return fail(ErrorCode::Internal, "database error",
                fmt::format("execute() takes exactly one statement: {}", shorten(sql)));
        }
        if (m_statements.size() >= kMaxCachedStatements)
            clear_statements();
        m_statements.emplace(std::string(sql), statement);
        return statement;
    }

    void clear_statements()
    {
        for (auto& [sql, statement] : m_statements)
            sqlite3_finalize(statement);
        m_statements.clear();
    }

    // Parameters are bound by name ($1 … $n) so that one parameter may appear several times and the
    // SQL reads the same as on PostgreSQL. The bound text must outlive the step, which it does:
    // params is alive until execute() returns and the guard unbinds.
    Result<void> bind(sqlite3_stmt* statement, std::string_view sql, SqlParams const& params)
    {
        if (static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) != params.size())
            return fail(ErrorCode::Internal, "database error",
                fmt::format("the statement takes {} parameters, {} given: {}", sqlite3_bind_parameter_count(statement),
                    params.size(), shorten(sql)));
        for (std::size_t i = 0; i < params.size(); ++i) {
            auto name = fmt::format("${}", i + 1);
            int index = sqlite3_bind_parameter_index(statement, name.c_str());
            if (index == 0)
                return fail(ErrorCode::Internal, "database error",
                    fmt::format("parameter {} does not appear in: {}", name, shorten(sql)));
            int code = std::visit(
                [&](auto const& value) {
                    using Type = std::decay_t<decltype(value)>;
                    if constexpr (std::is_same_v<Type, std::nullptr_t>)
                        return sqlite3_bind_null(statement, index);
                    else if constexpr (std::is_same_v<Type, std::int64_t>)
                        return sqlite3_bind_int64(statement, index, value);
                    else if constexpr (std::is_same_v<Type, double>)
                        return sqlite3_bind_double(statement, index, value);
                    else
                        return sqlite3_bind_text64(statement, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
                },
                params[i]);
            if (code != SQLITE_OK)
                return std::unexpected(error(code, sql));
        }
        return {};
    }

    static SqlRow read_row(sqlite3_stmt* statement)
    {
        int count = sqlite3_column_count(statement);
        std::vector<SqlValue> values;
        values.reserve(static_cast<std::size_t>(count));
        for (int column = 0; column < count; ++column) {
            switch (sqlite3_column_type(statement, column)) {
            case SQLITE_INTEGER:
                values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
                break;
            case SQLITE_FLOAT:
                values.emplace_back(sqlite3_column_double(statement, column));
                break;
            case SQLITE_NULL:
                values.emplace_back(nullptr);
                break;
            case SQLITE_BLOB: {
                auto const* bytes = static_cast<char const*>(sqlite3_column_blob(statement, column));
                values.emplace_back(std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
                break;
            }
            default: {
                auto const* text = reinterpret_cast<char const*>(sqlite3_column_text(statement, column));
                values.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
                break;
            }
            }
        }
        return SqlRow(std::move(values));
    }

    sqlite3* m_database;
    std::chrono::milliseconds m_statement_timeout;
    std::chrono::steady_clock::time_point m_deadline {};
    std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> m_statements;
    bool m_healthy = true;
};

}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(SqliteOptions const& options)
{
    sqlite3* handle = nullptr;
    // NOMUTEX: each connection is used by one thread at a time, so SQLite's own locking is not needed.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int code = sqlite3_open_v2(options.path.c_str(), &handle, flags, nullptr);
    if (code != SQLITE_OK) {
        auto detail = fmt::format("cannot open SQLite database {}: {}", options.path,
            handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code));
        sqlite3_close_v2(handle);
        return fail(ErrorCode::Unavailable, "the database is unavailable", std::move(detail));
    }
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_timeout(handle, static_cast<int>(options.busy_timeout.count()));
    auto connection = std::make_unique<SqliteConnectionImpl>(handle, options);

    if (!options.read_only) {
        auto mode = connection->execute("PRAGMA journal_mode=WAL", {});
        if (!mode)
            return std::unexpected(std::move(mode.error()));
        if (mode->rows.empty() || mode->rows[0].text(0) != "wal")
            return fail(ErrorCode::Unavailable, "the database is unavailable",
                fmt::format("SQLite refused WAL mode for {} (got {})", options.path,
                    mode->rows.empty() ? "nothing" : mode->rows[0].text(0)));
    }
    std::string pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
    if (options.read_only)
        pragmas += " PRAGMA query_only=ON;";
    if (auto applied = connection->execute_script(pragmas); !applied)
        return std::unexpected(std::move(applied.error()));
    return std::unique_ptr<SqliteConnection>(std::move(connection));
}

}
