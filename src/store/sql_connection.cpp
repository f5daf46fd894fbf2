#include "store/sql_connection.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace mmsgate {

namespace {

// The type-checked column access: a column index past the row is a bug in the query's caller, so
// it throws (std::out_of_range) and the database turns that into an Internal error for the job.
SqlValue const& column_value(std::vector<SqlValue> const& values, std::size_t column)
{
    return values.at(column);
}

std::int64_t parse_integer(std::string const& text)
{
    // PostgreSQL booleans arrive as t/f when a query selects one.
    if (text == "t")
        return 1;
    if (text == "f")
        return 0;
    std::int64_t value = 0;
    auto const* end = text.data() + text.size();
    auto [rest, error] = std::from_chars(text.data(), end, value);
    if (error == std::errc {} && rest == end)
        return value;
    // A NUMERIC or REAL column holding an integral value ("12.0").
    double real = 0;
    auto [real_rest, real_error] = std::from_chars(text.data(), end, real);
    if (real_error == std::errc {} && real_rest == end && std::fabs(real) < 9.2e18)
        return static_cast<std::int64_t>(real);
    return 0;
}

}

bool SqlRow::is_null(std::size_t column) const
{
    return std::holds_alternative<std::nullptr_t>(column_value(m_values, column));
}

std::string SqlRow::text(std::size_t column) const
{
    auto const& value = column_value(m_values, column);
    if (auto const* string = std::get_if<std::string>(&value))
        return *string;
    if (auto const* integer = std::get_if<std::int64_t>(&value))
        return fmt::format("{}", *integer);
    if (auto const* real = std::get_if<double>(&value))
        return fmt::format("{}", *real);
    return {};
}

std::optional<std::string> SqlRow::optional_text(std::size_t column) const
{
    if (is_null(column))
        return std::nullopt;
    return text(column);
}

std::int64_t SqlRow::integer(std::size_t column) const
{
    auto const& value = column_value(m_values, column);
    if (auto const* integer = std::get_if<std::int64_t>(&value))
        return *integer;
    if (auto const* string = std::get_if<std::string>(&value))
        return parse_integer(*string);
    if (auto const* real = std::get_if<double>(&value); real && std::fabs(*real) < 9.2e18)
        return static_cast<std::int64_t>(*real);
    return 0;
}

std::optional<std::int64_t> SqlRow::optional_integer(std::size_t column) const
{
    if (is_null(column))
        return std::nullopt;
    return integer(column);
}

}
