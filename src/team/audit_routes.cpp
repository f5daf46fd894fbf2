#include "team/team_routes.hpp"

#include "audit/audit_query.hpp"
#include "http/json_values.hpp"
#include "messaging/message_json.hpp"

#include <charconv>

namespace mmsgate {

namespace {

constexpr int kPageSize = 50;
constexpr int kMaxPageSize = 500;
// The export reads the log in chunks of this many rows, up to kMaxExportRows.
constexpr int kExportChunk = 1000;
constexpr int kMaxExportRows = 100000;

nlohmann::json entry_json(AuditRecord const& record)
{
    auto const& entry = record.entry;
    return { { "id", record.id }, { "occurredAt", format_iso8601(entry.occurred_at) }, { "action", entry.action },
        { "outcome", entry.succeeded ? "success" : "failure" },
        { "actorId", json_or_null(entry.actor_id) }, { "actorLabel", entry.actor_label },
        { "targetType", entry.target_type }, { "targetId", entry.target_id }, { "clientAddress", entry.client_address },
        { "detail", entry.detail } };
}

// "<occurred_at>:<id>" of the last entry of a page: the next page starts after it.
std::string cursor_of(AuditRecord const& record) { return std::to_string(record.entry.occurred_at) + ":" + record.id; }

std::optional<std::pair<Millis, std::string>> parse_cursor(std::string_view text)
{
    auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    Millis at = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + colon, at);
    if (error != std::errc {} || end != text.data() + colon)
        return std::nullopt;
    return std::pair { at, std::string(text.substr(colon + 1)) };
}

Result<AuditFilter> filter_of(Request const& request)
{
    AuditFilter filter;
    filter.action = std::string(request.query_value("action").value_or(""));
    filter.actor = std::string(request.query_value("actor").value_or(""));
    filter.text = std::string(request.query_value("q").value_or(""));
    for (auto [name, target] : { std::pair { "from", &filter.from }, std::pair { "to", &filter.to } }) {
        auto value = request.query_value(name);
        if (!value || value->empty())
            continue;
        *target = parse_iso8601(std::string(*value));
        if (!*target)
            return std::unexpected(Error { ErrorCode::InvalidArgument, std::string(name) + " must be an ISO 8601 time", {}, name });
    }
    if (auto before = request.query_value("cursor"); before && !before->empty()) {
        filter.before = parse_cursor(*before);
        if (!filter.before)
            return std::unexpected(Error { ErrorCode::InvalidArgument, "cursor is not one this API gave", {}, "cursor" });
    }
    if (auto limit = request.query_value("limit"); limit && !limit->empty()) {
        int value = 0;
        auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (error != std::errc {} || end != limit->data() + limit->size() || value < 1 || value > kMaxPageSize)
            return std::unexpected(Error { ErrorCode::InvalidArgument, "limit must be 1 to 500", {}, "limit" });
        filter.limit = value;
    } else {
        filter.limit = kPageSize;
    }
    return filter;
}

std::string csv_line(std::initializer_list<std::string_view> cells)
{
    std::string line;
    for (auto const& cell : cells) {
        if (!line.empty())
            line += ',';
        line += csv_cell(cell);
    }
    return line + "\r\n";
}

class AuditHandlers : public RouteHandlers<TeamRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request& request, AuthenticatedUser const&)
    {
        auto filter = filter_of(request);
        if (!filter)
            co_return error_response(filter.error());
        auto page_size = filter->limit;
        filter->limit = page_size + 1; // one more tells whether there is a next page
        auto records = co_await m.database.read<std::vector<AuditRecord>>(
            [&](SqlConnection& connection) { return list_audit_entries(connection, *filter); });
        if (!records)
            co_return error_response(Error { ErrorCode::Unavailable, std::string(kDatabaseUnavailable), {}, {} });
        bool more = int(records->size()) > page_size;
        if (more)
            records->resize(std::size_t(page_size));
        auto entries = json_array_of(*records, entry_json);
        co_return json_response(http::status::ok,
            { { "entries", entries }, { "nextCursor", more ? nlohmann::json(cursor_of(records->back())) : nlohmann::json(nullptr) } });
    }

    Awaitable<Response> export_csv(Request& request, AuthenticatedUser const&)
    {
        auto filter = filter_of(request);
        if (!filter)
            co_return error_response(filter.error());
        filter->limit = kExportChunk;
        std::string csv = csv_line({ "occurred_at", "action", "outcome", "actor_id", "actor", "target_type", "target_id",
            "client_address", "detail" });
        for (int exported = 0; exported < kMaxExportRows;) {
            auto records = co_await m.database.read<std::vector<AuditRecord>>(
                [&](SqlConnection& connection) { return list_audit_entries(connection, *filter); });
            if (!records)
                co_return error_response(Error { ErrorCode::Unavailable, std::string(kDatabaseUnavailable), {}, {} });
            for (auto const& record : *records) {
                auto const& entry = record.entry;
                csv += csv_line({ format_iso8601(entry.occurred_at), entry.action, entry.succeeded ? "success" : "failure",
                    entry.actor_id.value_or(""), entry.actor_label, entry.target_type, entry.target_id, entry.client_address,
                    entry.detail.dump() });
            }
            exported += int(records->size());
            if (int(records->size()) < kExportChunk)
                break;
            filter->before = std::pair { records->back().entry.occurred_at, records->back().id };
        }
        auto response = text_response(http::status::ok, std::move(csv), "text/csv; charset=utf-8");
        response.set(http::field::content_disposition, "attachment; filename=\"mmsgate-audit-log.csv\"");
        response.set(http::field::cache_control, "no-store");
        co_return response;
    }
};

}

void add_audit_routes(Router& router, TeamRouteDependencies dependencies)
{
    SignedInGroup<AuditHandlers> audit(std::move(dependencies));
    router.add(http::verb::get, "/api/audit", audit.read(Permission::Administer, &AuditHandlers::list));
    router.add(http::verb::get, "/api/audit/export.csv", audit.read(Permission::Administer, &AuditHandlers::export_csv));
}

}
