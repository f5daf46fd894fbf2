#include "audit/audit_query.hpp"

#include "store/row_reader.hpp"
#include "store/search_patterns.hpp"

#include <fmt/format.h>

namespace mmsgate {

Result<std::vector<AuditRecord>> list_audit_entries(SqlConnection& connection, AuditFilter const& filter)
{
    std::string where = "1 = 1";
    std::vector<SqlValue> values;
    auto parameter = [&](SqlValue value) {
        values.push_back(std::move(value));
        return fmt::format("${}", values.size());
    };
    if (!filter.action.empty()) {
        if (filter.action.ends_with('.'))
            where += fmt::format(" AND substr(action, 1, {}) = {}", filter.action.size(), parameter(filter.action));
        else
            where += fmt::format(" AND action = {}", parameter(filter.action));
    }
    if (!filter.actor.empty()) {
        auto id = parameter(filter.actor);
        where += fmt::format(" AND (actor_id = {} OR lower(actor_label) LIKE {} ESCAPE '\\')", id, parameter(like_contains_pattern(filter.actor)));
    }
    if (filter.from)
        where += fmt::format(" AND occurred_at >= {}", parameter(*filter.from));
    if (filter.to)
        where += fmt::format(" AND occurred_at < {}", parameter(*filter.to));
    if (!filter.text.empty()) {
        auto pattern = parameter(like_contains_pattern(filter.text));
        where += fmt::format(" AND (lower(actor_label) LIKE {0} ESCAPE '\\' OR lower(target_id) LIKE {0} ESCAPE '\\' OR "
                             "lower(client_address) LIKE {0} ESCAPE '\\' OR lower(detail) LIKE {0} ESCAPE '\\' OR "
                             "lower(action) LIKE {0} ESCAPE '\\')",
            pattern);
    }
    if (filter.before) {
        auto at = parameter(filter.before->first);
        where += fmt::format(" AND (occurred_at < {0} OR (occurred_at = {0} AND id < {1}))", at, parameter(filter.before->second));
    }
    auto sql = fmt::format("SELECT id, occurred_at, action, outcome, actor_id, actor_label, target_type, target_id, "
                           "client_address, detail FROM mmsgate_audit_log WHERE {} ORDER BY occurred_at DESC, id DESC LIMIT {}",
        where, parameter(std::int64_t(filter.limit)));
    return select_rows(connection, sql, values, [](RowReader& next) {
        AuditRecord record;
        auto& entry = record.entry;
        next(record.id, entry.occurred_at, entry.action);
        entry.succeeded = next.next<std::string>() == "success";
        next(entry.actor_id, entry.actor_label, entry.target_type, entry.target_id, entry.client_address);
        auto detail = nlohmann::json::parse(next.next<std::string>(), nullptr, false);
        entry.detail = detail.is_discarded() ? nlohmann::json::object() : detail;
        return record;
    });
}

Result<int> prune_audit_log(SqlConnection& connection, Millis before)
{
    auto deleted = connection.execute("DELETE FROM mmsgate_audit_log WHERE occurred_at < $1", { before });
    if (!deleted)
        return std::unexpected(std::move(deleted.error()));
    return int(deleted->affected_rows);
}

}
