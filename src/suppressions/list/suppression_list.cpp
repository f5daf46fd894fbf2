#include "suppressions/list/suppression_list.hpp"

#include "core/ids.hpp"
#include "suppressions/list/suppression_queries.hpp"
#include "webhooks/events/webhook_events.hpp"

namespace mmsgate {

namespace {

ContactOptChange opt_change(Suppression const& entry, std::string source, std::optional<std::string> keyword, Millis at)
{
    return ContactOptChange { entry.number, entry.our_number, std::move(source), std::move(keyword), at };
}

}

std::string suppression_reason(Suppression const& entry)
{
    if (entry.source == "keyword")
        return "Replied " + entry.keyword.value_or(entry.source_text);
    if (entry.source == "intent")
        return "Plivo marked the reply \"" + entry.source_text + "\" as an opt-out";
    if (entry.source == "plivo_error")
        return "Plivo reported the recipient opted out";
    if (entry.source == "import")
        return "Imported" + (entry.source_text.empty() ? std::string() : ": " + entry.source_text);
    return "Added by " + (entry.created_by_label.empty() ? std::string("an admin") : entry.created_by_label)
        + (entry.source_text.empty() ? std::string() : ": " + entry.source_text);
}

Result<std::optional<Suppression>> find_active_suppression(
    SqlConnection& connection, std::string const& recipient, std::string const& our_number, SuppressionScope scope)
{
    auto found = scope.per_number
        ? select_suppressions(connection, "number = $1 AND ended_at IS NULL AND our_number IN ('', $2) ORDER BY created_at LIMIT 1",
              { recipient, our_number })
        : select_suppressions(connection, "number = $1 AND ended_at IS NULL ORDER BY created_at LIMIT 1", { recipient });
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (found->empty())
        return std::optional<Suppression> {};
    return std::optional<Suppression> { std::move(found->front()) };
}

Result<bool> is_suppressed(SqlConnection& connection, std::string const& recipient, std::string const& our_number, SuppressionScope scope)
{
    auto found = find_active_suppression(connection, recipient, our_number, scope);
    if (!found)
        return std::unexpected(std::move(found.error()));
    return found->has_value();
}

Result<std::optional<Suppression>> add_suppression(SqlConnection& connection, Suppression entry)
{
    if (entry.id.empty())
        entry.id = new_cuid();
    // The partial unique index keeps one active entry per pair, even when two instances race.
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_suppression (id, number, our_number, source, keyword, source_text, inbound_message_id, "
        "created_at, created_by, created_by_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT (number, our_number) WHERE ended_at IS NULL DO NOTHING",
        { entry.id, entry.number, entry.our_number, entry.source, sql_value(entry.keyword), entry.source_text,
            sql_value(entry.inbound_message_id), entry.created_at, sql_value(entry.created_by), entry.created_by_label });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    if (inserted->affected_rows == 0)
        return std::optional<Suppression> {};
    auto event = enqueue_event(connection, contact_opted_out_event(opt_change(entry, entry.source, entry.keyword, entry.created_at)));
    if (!event)
        return std::unexpected(std::move(event.error()));
    return std::optional<Suppression> { std::move(entry) };
}

Result<void> add_plivo_reported_opt_out(
    SqlConnection& connection, std::string const& recipient, std::string const& our_number, Millis now)
{
    Suppression entry;
    entry.number = recipient;
    entry.our_number = our_number;
    entry.source = "plivo_error";
    entry.source_text = "Plivo reported the recipient opted out (error 200)";
    entry.created_at = now;
    auto added = add_suppression(connection, std::move(entry));
    if (!added)
        return std::unexpected(std::move(added.error()));
    return {};
}

Result<bool> end_suppression(SqlConnection& connection, std::string const& id, SuppressionEnd const& end)
{
    auto found = find_suppression(connection, id);
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (!*found || (*found)->ended_at)
        return false;
    auto updated = connection.execute(
        "UPDATE mmsgate_suppression SET ended_at = $2, ended_by = $3, ended_by_label = $4, end_source = $5, end_reason = $6 "
        "WHERE id = $1 AND ended_at IS NULL",
        { id, end.at, sql_value(end.by), end.by_label, end.source, end.reason });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    if (updated->affected_rows == 0)
        return false;
    auto event = enqueue_event(connection, contact_opted_in_event(opt_change(**found, end.source, end.keyword, end.at)));
    if (!event)
        return std::unexpected(std::move(event.error()));
    return true;
}

Result<int> end_suppressions_of(SqlConnection& connection, std::string const& number, std::string const& our_number,
    SuppressionScope scope, SuppressionEnd const& end)
{
    auto active = scope.per_number
        ? select_suppressions(connection, "number = $1 AND ended_at IS NULL AND our_number = $2", { number, our_number })
        : select_suppressions(connection, "number = $1 AND ended_at IS NULL", { number });
    if (!active)
        return std::unexpected(std::move(active.error()));
    int ended = 0;
    for (auto const& entry : *active) {
        auto done = end_suppression(connection, entry.id, end);
        if (!done)
            return std::unexpected(std::move(done.error()));
        ended += *done ? 1 : 0;
    }
    return ended;
}

Result<bool> claim_confirmation(SqlConnection& connection, std::string const& id, std::string const& request_id)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_suppression SET confirmation_request_id = $2 WHERE id = $1 AND confirmation_request_id IS NULL",
        { id, request_id });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return updated->affected_rows == 1;
}

}
