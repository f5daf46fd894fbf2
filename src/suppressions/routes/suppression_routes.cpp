#include "suppressions/routes/suppression_routes.hpp"

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "http/json_values.hpp"
#include "http/response.hpp"
#include "messaging/phone_number.hpp"
#include "suppressions/opt_out_intake.hpp"
#include "suppressions/routes/suppression_csv.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr std::size_t kMaxReasonLength = 500;
constexpr std::size_t kMaxImportLines = 100000;
constexpr int kMaxPageSize = 200;

nlohmann::json suppression_json(Suppression const& entry)
{
    return { { "id", entry.id }, { "number", entry.number }, { "ourNumber", entry.our_number }, { "source", entry.source },
        { "keyword", json_or_null(entry.keyword) }, { "text", entry.source_text }, { "reason", suppression_reason(entry) },
        { "createdAt", format_iso8601(entry.created_at) }, { "createdBy", entry.created_by_label },
        { "active", !entry.ended_at },
        { "endedAt", entry.ended_at ? nlohmann::json(format_iso8601(*entry.ended_at)) : nlohmann::json(nullptr) },
        { "endedBy", json_or_null(entry.ended_by_label) }, { "endSource", json_or_null(entry.end_source) },
        { "endReason", json_or_null(entry.end_reason) } };
}

std::string label_of(AuthenticatedUser const& user)
{
    return user.email.value_or(user.id);
}

int integer_query(Request const& request, std::string_view name, int fallback, int minimum, int maximum)
{
    auto text = request.query_value(name);
    int value = fallback;
    if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc {})
        return fallback;
    return std::clamp(value, minimum, maximum);
}

Result<nlohmann::json> json_body(Request const& request)
{
    auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
    if (!body.is_object())
        return fail(ErrorCode::InvalidArgument, "The body must be a JSON object");
    return body;
}

std::string string_field(nlohmann::json const& body, std::string_view name)
{
    auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An entry a signed-in person adds (source admin or import): for every number of ours.
Suppression entry_by(AuthenticatedUser const& user, std::string number, std::string source, std::string note, Millis now)
{
    Suppression entry;
    entry.number = std::move(number);
    entry.source = std::move(source);
    entry.source_text = std::move(note);
    entry.created_at = now;
    entry.created_by = user.id;
    entry.created_by_label = label_of(user);
    return entry;
}

AuditEntry audit_entry(std::string action, AuthenticatedUser const& user, Request const& request, std::string target_id,
    nlohmann::json detail, Millis now)
{
    return AuditEntry { std::move(action), true, user.id, label_of(user), "suppression", std::move(target_id),
        request.client.to_string(), std::move(detail), now };
}

class SuppressionHandlers : public RouteHandlers<SuppressionRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request& request, AuthenticatedUser const&)
    {
        SuppressionQuery query;
        query.search = request.query_value("q").value_or("");
        query.status = request.query_value("status").value_or("active");
        if (query.status != "active" && query.status != "ended" && query.status != "all")
            co_return error_response(Error { ErrorCode::InvalidArgument, "status must be active, ended or all", {}, "status" });
        query.limit = integer_query(request, "limit", 50, 1, kMaxPageSize);
        query.offset = integer_query(request, "offset", 0, 0, 1 << 30);
        auto page = co_await m.database.read<SuppressionPage>(
            [&](SqlConnection& connection) { return list_suppressions(connection, query); });
        if (!page)
            co_return error_response(page.error());
        auto entries = json_array_of(page->entries, suppression_json);
        co_return json_response(http::status::ok,
            { { "suppressions", entries }, { "total", page->total }, { "limit", query.limit }, { "offset", query.offset } });
    }

    Awaitable<Response> check(Request& request, AuthenticatedUser const&)
    {
        auto number = normalize_recipient(request.query_value("number").value_or(""));
        if (!number)
            co_return error_response(Error { ErrorCode::InvalidArgument, number.error().message, {}, "number" });
        auto from = request.query_value("from").value_or(m.config.plivo.sender_number);
        auto found = co_await m.database.read<std::optional<Suppression>>([&](SqlConnection& connection) {
            return find_active_suppression(connection, *number, from, { m.config.optout.per_number });
        });
        if (!found)
            co_return error_response(found.error());
        co_return json_response(http::status::ok,
            { { "number", *number }, { "suppressed", found->has_value() },
                { "reason", *found ? nlohmann::json(suppression_reason(**found)) : nlohmann::json(nullptr) },
                { "suppression", *found ? suppression_json(**found) : nlohmann::json(nullptr) } });
    }

    Awaitable<Response> add(Request& request, AuthenticatedUser const& user)
    {
        auto body = json_body(request);
        if (!body)
            co_return error_response(body.error());
        auto number = normalize_recipient(string_field(*body, "number"));
        if (!number)
            co_return error_response(Error { ErrorCode::InvalidArgument, number.error().message, {}, "number" });
        auto note = string_field(*body, "note");
        if (note.size() > kMaxReasonLength)
            co_return error_response(Error { ErrorCode::InvalidArgument, "note must have at most 500 characters", {}, "note" });
        auto now = now_millis();
        auto added = co_await m.database.write<std::optional<Suppression>>([&](SqlConnection& connection) -> Result<std::optional<Suppression>> {
            auto inserted = add_suppression(connection, entry_by(user, *number, "admin", note, now));
            if (!inserted || !*inserted)
                return inserted;
            auto audited = append_audit_entry(connection,
                audit_entry("suppression.added", user, request, (*inserted)->id, { { "number", *number }, { "note", note } }, now));
            if (!audited)
                return std::unexpected(std::move(audited.error()));
            return inserted;
        });
        if (!added)
            co_return error_response(added.error());
        if (!*added)
            co_return error_response(Error { ErrorCode::AlreadyExists, *number + " is on the suppression list already", {}, "number" });
        co_return json_response(http::status::created, { { "suppression", suppression_json(**added) } });
    }

    Awaitable<Response> end(Request& request, AuthenticatedUser const& user)
    {
        auto body = json_body(request);
        if (!body)
            co_return error_response(body.error());
        auto reason = string_field(*body, "reason");
        if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > kMaxReasonLength)
            co_return error_response(Error { ErrorCode::InvalidArgument,
                "Write why this entry ends (at most 500 characters): it stays in the history", {}, "reason" });
        auto id = std::string(request.path_parameter("id"));
        auto now = now_millis();
        auto ended = co_await m.database.write<std::optional<Suppression>>([&](SqlConnection& connection) -> Result<std::optional<Suppression>> {
            auto done = end_suppression(connection, id, { "admin", reason, user.id, label_of(user), std::nullopt, now });
            if (!done)
                return std::unexpected(std::move(done.error()));
            if (!*done)
                return std::optional<Suppression> {};
            auto audited = append_audit_entry(connection, audit_entry("suppression.ended", user, request, id, { { "reason", reason } }, now));
            if (!audited)
                return std::unexpected(std::move(audited.error()));
            return find_suppression(connection, id);
        });
        if (!ended)
            co_return error_response(ended.error());
        if (!*ended)
            co_return error_response(Error { ErrorCode::NotFound, "No active suppression with this id", {}, {} });
        co_return json_response(http::status::ok, { { "suppression", suppression_json(**ended) } });
    }

    Awaitable<Response> export_csv(Request&, AuthenticatedUser const&)
    {
        auto all = co_await m.database.read<std::vector<Suppression>>([&](SqlConnection& connection) -> Result<std::vector<Suppression>> {
            auto page = list_suppressions(connection, { "", "all", 1 << 30, 0 });
            if (!page)
                return std::unexpected(std::move(page.error()));
            return std::move(page->entries);
        });
        if (!all)
            co_return error_response(all.error());
        auto response = text_response(http::status::ok, suppressions_csv(*all), "text/csv; charset=utf-8");
        response.set(http::field::content_disposition, "attachment; filename=\"mmsgate-suppressions.csv\"");
        co_return response;
    }

    Awaitable<Response> import_csv(Request& request, AuthenticatedUser const& user)
    {
        auto lines = parse_suppression_import(request.message.body());
        if (lines.size() > kMaxImportLines)
            co_return error_response(Error { ErrorCode::InvalidArgument, "At most 100,000 numbers per import", {}, "file" });
        nlohmann::json rejected = nlohmann::json::array();
        std::vector<std::pair<std::string, std::string>> numbers;
        for (auto const& line : lines) {
            auto number = normalize_recipient(line.number);
            if (!number)
                rejected.push_back({ { "line", line.line }, { "number", line.number }, { "error", number.error().message } });
            else
                numbers.emplace_back(*number, line.note.substr(0, kMaxReasonLength));
        }
        auto now = now_millis();
        auto added = co_await m.database.write<int>([&](SqlConnection& connection) -> Result<int> {
            int count = 0;
            for (auto const& [number, note] : numbers) {
                auto inserted = add_suppression(connection, entry_by(user, number, "import", note, now));
                if (!inserted)
                    return std::unexpected(std::move(inserted.error()));
                count += inserted->has_value() ? 1 : 0;
            }
            auto audited = append_audit_entry(connection, audit_entry("suppression.imported", user, request, "",
                { { "added", count }, { "alreadyListed", int(numbers.size()) - count }, { "rejected", rejected.size() } }, now));
            if (!audited)
                return std::unexpected(std::move(audited.error()));
            return count;
        });
        if (!added)
            co_return error_response(added.error());
        co_return json_response(http::status::ok,
            { { "added", *added }, { "alreadyListed", int(numbers.size()) - *added }, { "rejected", rejected } });
    }

    Awaitable<Response> confirm_flagged(Request& request, AuthenticatedUser const& user)
    {
        auto body = json_body(request);
        if (!body)
            co_return error_response(body.error());
        auto message_id = string_field(*body, "messageId");
        if (message_id.empty())
            co_return error_response(Error { ErrorCode::InvalidArgument, "messageId is required", {}, "messageId" });
        auto now = now_millis();
        bool reply_queued = false;
        auto confirmed = co_await m.database.write<std::optional<Suppression>>([&](SqlConnection& connection) -> Result<std::optional<Suppression>> {
            auto added = confirm_flagged_opt_out(connection, m.config, message_id, user.id, label_of(user), now, &reply_queued);
            if (!added || !*added)
                return added;
            auto audited = append_audit_entry(connection, audit_entry("suppression.added", user, request, (*added)->id,
                { { "number", (*added)->number }, { "inboundMessageId", message_id } }, now));
            if (!audited)
                return std::unexpected(std::move(audited.error()));
            return added;
        });
        if (!confirmed)
            co_return error_response(confirmed.error());
        if (reply_queued && m.outbox_changed)
            m.outbox_changed();
        co_return json_response(http::status::ok,
            { { "confirmed", true }, { "suppression", *confirmed ? suppression_json(**confirmed) : nlohmann::json(nullptr) } });
    }
};

}

void add_suppression_routes(Router& router, SuppressionRouteDependencies dependencies)
{
    SignedInGroup<SuppressionHandlers> suppressions(std::move(dependencies));
    auto const read = Permission::SuppressionsRead;
    auto const write = Permission::SuppressionsWrite;
    router.add(http::verb::get, "/api/suppressions", suppressions.read(read, &SuppressionHandlers::list));
    router.add(http::verb::post, "/api/suppressions", suppressions.write(write, &SuppressionHandlers::add));
    router.add(http::verb::get, "/api/suppressions/check", suppressions.read(read, &SuppressionHandlers::check));
    router.add(http::verb::get, "/api/suppressions/export.csv", suppressions.read(read, &SuppressionHandlers::export_csv));
    router.add(http::verb::post, "/api/suppressions/import", suppressions.write(write, &SuppressionHandlers::import_csv));
    // Confirming a contact's own request to stop only restricts sending: whoever may send may do it.
    router.add(http::verb::post, "/api/suppressions/confirm-flagged",
        suppressions.write(Permission::MessagesSend, &SuppressionHandlers::confirm_flagged));
    router.add(http::verb::post, "/api/suppressions/{id}/end", suppressions.write(write, &SuppressionHandlers::end));
}

}
