#include "suppressions/list/suppression_queries.hpp"

#include "store/row_reader.hpp"
#include "store/search_patterns.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

constexpr std::string_view kColumns
    = "id, number, our_number, source, keyword, source_text, inbound_message_id, created_at, created_by, "
      "created_by_label, ended_at, ended_by, ended_by_label, end_source, end_reason, confirmation_request_id";

Suppression suppression_of(RowReader& next)
{
    Suppression entry;
    next(entry.id, entry.number, entry.our_number, entry.source, entry.keyword, entry.source_text, entry.inbound_message_id,
        entry.created_at, entry.created_by, entry.created_by_label, entry.ended_at, entry.ended_by, entry.ended_by_label,
        entry.end_source, entry.end_reason, entry.confirmation_request_id);
    return entry;
}

}

Result<std::vector<Suppression>> select_suppressions(SqlConnection& connection, std::string const& where, SqlParams const& params)
{
    return select_rows(connection, fmt::format("SELECT {} FROM mmsgate_suppression WHERE {}", kColumns, where), params, suppression_of);
}

Result<std::optional<Suppression>> find_suppression(SqlConnection& connection, std::string const& id)
{
    return first_record(select_suppressions(connection, "id = $1", { id }));
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
