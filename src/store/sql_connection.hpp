#pragma once
// One database connection, SQLite or PostgreSQL, behind the same small interface so that every
// query is written once. SQL uses $1, $2, … placeholders on both backends, and every parameter
// passed must appear in the statement. A connection is used by one thread at a time.
#include "core/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mmsgate {

enum class Dialect { Sqlite, Postgres };

// PostgreSQL receives every parameter as text and infers its type from where it is used, so a
// parameter whose type cannot be inferred (`SELECT $1 IS NULL`) needs a cast: `CAST($1 AS TEXT)`.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

// A nullable optional maps to NULL.
[[nodiscard]] inline SqlValue sql_value(std::optional<std::string> const& value)
{
    return value ? SqlValue { *value } : SqlValue { nullptr };
}

[[nodiscard]] inline SqlValue sql_value(std::optional<std::int64_t> const& value)
{
    return value ? SqlValue { *value } : SqlValue { nullptr };
}

[[nodiscard]] inline SqlValue sql_value(std::optional<int> const& value)
{
    return value ? SqlValue { std::int64_t(*value) } : SqlValue { nullptr };
}

// Integer columns come back as integers on both backends (PostgreSQL's int2/4/8 and booleans are
// converted); NUMERIC and text come back as text. A column index past the row throws out_of_range.
class SqlRow {
public:
    explicit SqlRow(std::vector<SqlValue> values)
        : m_values(std::move(values))
    {
    }
    [[nodiscard]] bool is_null(std::size_t column) const;
    // Text of a column; integers are formatted, NULL is "".
    [[nodiscard]] std::string text(std::size_t column) const;
    [[nodiscard]] std::optional<std::string> optional_text(std::size_t column) const;
    // Integer of a column; text is parsed ("t"/"f" are 1/0), NULL and non-numeric text are 0.
    [[nodiscard]] std::int64_t integer(std::size_t column) const;
    [[nodiscard]] std::optional<std::int64_t> optional_integer(std::size_t column) const;
    [[nodiscard]] std::optional<int> optional_int(std::size_t column) const
    {
        auto value = optional_integer(column);
        return value ? std::optional<int>(int(*value)) : std::nullopt;
    }
    [[nodiscard]] std::size_t size() const { return m_values.size(); }
    [[nodiscard]] SqlValue const& value(std::size_t column) const { return m_values.at(column); }

private:
    std::vector<SqlValue> m_values;
};

struct SqlResult {
    std::vector<SqlRow> rows;
    // Rows an INSERT, UPDATE or DELETE changed; 0 for other statements.
    std::int64_t affected_rows = 0;
};

// Errors: a unique-constraint violation is AlreadyExists; a lost or refused connection, a busy
// database or a serialization failure is Unavailable; a statement timeout is DeadlineExceeded;
// anything else is Internal. The message is generic (safe for a client); detail has the SQL error.
class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    [[nodiscard]] virtual Dialect dialect() const = 0;
    // Exactly one statement.
    [[nodiscard]] virtual Result<SqlResult> execute(std::string_view sql, SqlParams const& params = {}) = 0;
    // Several statements separated by ';' and no parameters (migrations).
    [[nodiscard]] virtual Result<void> execute_script(std::string_view sql) = 0;
    // False once the connection is known to be broken; the pool then replaces it.
    [[nodiscard]] virtual bool healthy() const = 0;
    // True while a transaction is open on this connection.
    [[nodiscard]] virtual bool in_transaction() const = 0;
};

}
