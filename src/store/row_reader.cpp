#include "store/row_reader.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

std::vector<std::string> strings_from_json_array(std::string const& text)
{
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> values;
    if (!parsed.is_array())
        return values;
    for (auto const& item : parsed) {
        if (item.is_string())
            values.push_back(item.get<std::string>());
    }
    return values;
}

Result<void> execute_statement(SqlConnection& connection, std::string_view sql, SqlParams const& params)
{
    auto result = connection.execute(sql, params);
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
}

Result<std::int64_t> execute_counted(SqlConnection& connection, std::string_view sql, SqlParams const& params)
{
    auto result = connection.execute(sql, params);
    if (!result)
        return std::unexpected(std::move(result.error()));
    return result->affected_rows;
}

Result<std::int64_t> select_integer(SqlConnection& connection, std::string_view sql, SqlParams const& params)
{
    auto result = connection.execute(sql, params);
    if (!result)
        return std::unexpected(std::move(result.error()));
    return result->rows.at(0).integer(0);
}

}
