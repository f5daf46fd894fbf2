#pragma once
// One database connection, SQLite or PostgreSQL, behind the same small interface so that every
// query is written once. SQL uses $1, $2, … placeholders on both backends.
#include "core/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mmsgate {

enum class Dialect { Sqlite, Postgres };

using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

// A nullable optional maps to NULL.
[[nodiscard]] inline SqlValue sql_value(std::optional<std::string> const& value)
{
    return value ? SqlValue { *value } : SqlValue { nullptr };
}

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
    // Integer of a column; text is parsed (PostgreSQL returns text), NULL is 0.
    [[nodiscard]] std::int64_t integer(std::size_t column) const;
    [[nodiscard]] std::optional<std::int64_t> optional_integer(std::size_t column) const;
    [[nodiscard]] std::size_t size() const { return m_values.size(); }

private:
    std::vector<SqlValue> m_values;
};

struct SqlResult {
    std::vector<SqlRow> rows;
    std::int64_t affected_rows = 0;
};

// Errors: a unique-constraint violation is AlreadyExists; a lost or refused connection is
// Unavailable; a statement timeout is DeadlineExceeded; anything else is Internal (detail has the SQL error).
class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    [[nodiscard]] virtual Dialect dialect() const = 0;
    [[nodiscard]] virtual Result<SqlResult> execute(std::string_view sql, SqlParams const& params = {}) = 0;
    // Several statements separated by ';' and no parameters (migrations).
    [[nodiscard]] virtual Result<void> execute_script(std::string_view sql) = 0;
    // False once the connection is known to be broken; the pool then replaces it.
    [[nodiscard]] virtual bool healthy() const = 0;
};

}
