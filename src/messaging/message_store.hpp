#pragma once
// The message rows every stage reads: how a message row maps to MessageRecord, its state events,
// and the lookups more than one stage needs. Stage-specific queries live with their stage
// (send/send_store, dispatch/outbox, reports/report_store, history/history_queries). The functions
// run inside a Database job (so inside its transaction) and never block on anything but the database.
#include "messaging/message.hpp"
#include "store/row_reader.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

// A list of strings as the JSON array text stored in one column, and back (anything else reads as empty).
[[nodiscard]] std::string to_json_array(std::vector<std::string> const& values);
[[nodiscard]] std::vector<std::string> from_json_array(std::string const& text);

// Messages joined with their request, filtered and ordered by `where` (SQL after WHERE, aliases m and r).
[[nodiscard]] Result<std::vector<MessageRecord>> select_messages(
    SqlConnection& connection, std::string const& where, SqlParams const& params);

// Appends an event to a message's history; `dedupe_key` makes a report one event however often it comes.
[[nodiscard]] Result<void> insert_event(
    SqlConnection& connection, MessageEventRecord const& event, std::optional<std::string> const& dedupe_key);
// A state change the gateway itself caused (not a report), dated `now`.
[[nodiscard]] Result<void> record_state_event(SqlConnection& connection, std::string const& message_id,
    MessageState state, std::string const& source, std::optional<std::string> detail, std::optional<int> error_code,
    Millis now);
// Outgoing webhooks learn of a state change in the transaction that makes it (outbox): the event
// commits with the change or not at all. record_state_event calls it; so does a report's application.
[[nodiscard]] Result<void> announce_state_change(SqlConnection& connection, MessageRecord const& message, Millis now);

// The figures a delivery report carries, from the next five columns:
// sequence, error_code, units, total_rate, total_amount (an event row, a kept early report).
template <class Report>
void read_report_figures(RowReader& next, Report& report)
{
    next(report.sequence, report.error_code, report.units, report.total_rate, report.total_amount);
}

[[nodiscard]] Result<std::optional<MessageRecord>> find_message(SqlConnection& connection, std::string const& id);
[[nodiscard]] Result<std::vector<MessageRecord>> messages_of_request(SqlConnection& connection, std::string const& request_id);
// Uuids already attached to a message, so a lookup never adopts one twice.
[[nodiscard]] Result<bool> is_known_plivo_uuid(SqlConnection& connection, std::string const& uuid);

}
