#include "suppressions/list/suppression_queries.hpp"

#include "store/search_patterns.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

constexpr std::string_view kColumns
    = "id, number, our_number, source, keyword, source_text, inbound_message_id, created_at, created_by, "
      "created_by_label, ended_at, ended_by, ended_by_label, end_source, end_reason, confirmation_request_id";

Suppression suppression_of(SqlRow const& row)
{
    return Suppression { row.text(0), row.text(1), row.text(2), row.text(3), row.optional_text(4), row.text(5),
        row.optional_text(6), row.integer(7), row.optional_text(8), row.text(9), row.optional_integer(10),
        row.optional_text(11), row.optional_text(12), row.optional_text(13), row.optional_text(14),
        row.optional_text(15) };
}

}

Result<std::vector<Suppression>> select_suppressions(SqlConnection& connection, std::string const& where, SqlParams const& params)
{
    auto result = connection.execute(fmt::format("SELECT {} FROM mmsgate_suppression WHERE {}", kColumns, where), params);
    if (!result)
        return std::unexpected(std::move(result.error()));
    std::vector<Suppression> entries;
    for (auto const& row : result->rows)
        entries.push_back(suppression_of(row));
    return entries;
}

Result<std::optional<Suppression>> find_suppression(SqlConnection& connection, std::string const& id)
{
    auto found = select_suppressions(connection, "id = $1", { id });
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (found->empty())
        return std::optional<Suppression> {};
    return std::optional<Suppression> { std::move(found->front()) };
}

Result<SuppressionPage> list_suppressions(SqlConnection& connection, SuppressionQuery const& query)
{
    std::string where = query.status == "ended" ? "ended_at IS NOT NULL" : query.status == "all" ? "1 = 1" : "ended_at IS NULL";
    SqlParams params;
    if (!query.search.empty()) {
        params.emplace_back(like_contains_pattern(query.search));
        where += " AND (lower(number) LIKE $1 ESCAPE '\\' OR lower(source_text) LIKE $1 ESCAPE '\\' "
                 "OR lower(COALESCE(end_reason, '')) LIKE $1 ESCAPE '\\')";
        if (auto digits = phone_search_digits(query.search); !digits.empty()) {
            params.emplace_back("%" + digits + "%");
            where.insert(where.size() - 1, " OR number LIKE $2");
        }
    }
    auto counted = connection.execute("SELECT count(*) FROM mmsgate_suppression WHERE " + where, params);
    if (!counted)
        return std::unexpected(std::move(counted.error()));
    SuppressionPage page;
    page.total = counted->rows.empty() ? 0 : counted->rows.front().integer(0);
    auto entries = select_suppressions(connection,
        fmt::format("{} ORDER BY created_at DESC, id DESC LIMIT {} OFFSET {}", where, query.limit, query.offset), params);
    if (!entries)
        return std::unexpected(std::move(entries.error()));
    page.entries = std::move(*entries);
    return page;
}

}
