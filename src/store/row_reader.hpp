#pragma once
// Reading query results into records. A record's reader takes the columns in the order its SELECT
// names them: RowReader advances by itself, so no column index is written by hand and none can
// drift when a column is added. The select_* helpers run a query and read its rows, so that a
// store writes only its SQL and its reader.
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace mmsgate {

// The strings of a JSON array such as '["a","b"]' (how lists are stored); other items and text
// that is not an array read as nothing.
[[nodiscard]] std::vector<std::string> strings_from_json_array(std::string const& text);

class RowReader {
public:
    explicit RowReader(SqlRow const& row)
        : m_row(row)
    {
    }

    // Reads the next columns into `fields`, each by its type: std::string (NULL is ""),
    // std::optional<std::string>, std::int64_t, int, bool (non-zero), std::optional<std::int64_t>,
    // std::optional<int>, std::vector<std::string> (a JSON array, see strings_from_json_array).
    template <class... Fields>
    void operator()(Fields&... fields)
    {
        (read(fields), ...);
    }

    // The next column as T (one of the types above).
    template <class T>
    [[nodiscard]] T next()
    {
        T value {};
        read(value);
        return value;
    }

private:
    void read(std::string& field) { field = m_row.text(m_next++); }
    void read(std::optional<std::string>& field) { field = m_row.optional_text(m_next++); }
    void read(std::int64_t& field) { field = m_row.integer(m_next++); }
    void read(int& field) { field = int(m_row.integer(m_next++)); }
    void read(bool& field) { field = m_row.integer(m_next++) != 0; }
    void read(std::optional<std::int64_t>& field) { field = m_row.optional_integer(m_next++); }
    void read(std::optional<int>& field) { field = m_row.optional_int(m_next++); }
    void read(std::vector<std::string>& field) { field = strings_from_json_array(m_row.text(m_next++)); }

    SqlRow const& m_row;
    std::size_t m_next = 0;
};

// Every row of `result`, each made by `read(RowReader&)`.
template <class Read>
[[nodiscard]] auto read_rows(SqlResult const& result, Read read) -> std::vector<std::invoke_result_t<Read&, RowReader&>>
{
    std::vector<std::invoke_result_t<Read&, RowReader&>> records;
    records.reserve(result.rows.size());
    for (auto const& row : result.rows) {
        RowReader reader(row);
        records.push_back(read(reader));
    }
    return records;
}

// Runs one SELECT and reads every row it returns with `read(RowReader&)`.
template <class Read>
[[nodiscard]] auto select_rows(SqlConnection& connection, std::string_view sql, SqlParams const& params, Read read)
    -> Result<std::vector<std::invoke_result_t<Read&, RowReader&>>>
{
    auto result = connection.execute(sql, params);
    if (!result)
        return std::unexpected(std::move(result.error()));
    return read_rows(*result, std::move(read));
}

// The first of the records (a lookup by key), or nothing when there is none.
template <class Record>
[[nodiscard]] Result<std::optional<Record>> first_record(Result<std::vector<Record>> records)
{
    if (!records)
        return std::unexpected(std::move(records.error()));
    if (records->empty())
        return std::optional<Record> {};
    return std::optional<Record> { std::move(records->front()) };
}

// Runs one SELECT and reads its first row with `read(RowReader&)`, or nothing when it returns none
// (a lookup by key: other rows are read and dropped).
template <class Read>
[[nodiscard]] auto select_first(SqlConnection& connection, std::string_view sql, SqlParams const& params, Read read)
    -> Result<std::optional<std::invoke_result_t<Read&, RowReader&>>>
{
    return first_record(select_rows(connection, sql, params, std::move(read)));
}

// Runs one statement whose rows are not read (INSERT, UPDATE, DELETE): only its error counts.
[[nodiscard]] Result<void> execute_statement(SqlConnection& connection, std::string_view sql, SqlParams const& params = {});

// Runs one INSERT, UPDATE or DELETE and returns how many rows it changed.
[[nodiscard]] Result<std::int64_t> execute_counted(SqlConnection& connection, std::string_view sql, SqlParams const& params = {});

// Runs one SELECT that returns a single integer (a count): the first column of its first row.
[[nodiscard]] Result<std::int64_t> select_integer(SqlConnection& connection, std::string_view sql, SqlParams const& params = {});

}
