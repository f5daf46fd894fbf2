#include "suppressions/send_check.hpp"

#include "messaging/message_store.hpp"
#include "suppressions/list/suppression_list.hpp"

namespace mmsgate {

Result<HeldBack> hold_back_suppressed(SqlConnection& connection, Config const& config, SendRequestRecord const& request,
    std::vector<MessageRecord>& messages, Millis now)
{
    HeldBack held;
    for (auto& message : messages) {
        auto active = find_active_suppression(connection, message.recipient, request.sender, { config.optout.per_number });
        if (!active)
            return std::unexpected(std::move(active.error()));
        if (!*active) {
            held.to_send.push_back(message);
            continue;
        }
        auto reason = "Not sent: the recipient opted out (" + suppression_reason(**active) + ")";
        auto updated = connection.execute(
            "UPDATE mmsgate_message SET state = 'suppressed', error = $2, updated_at = $3 WHERE id = $1 "
            "AND state IN ('accepted', 'scheduled')",
            { message.id, reason, now });
        if (!updated)
            return std::unexpected(std::move(updated.error()));
        if (auto event = record_state_event(connection, message.id, MessageState::Suppressed, "suppression", reason, std::nullopt, now);
            !event)
            return std::unexpected(std::move(event.error()));
        message.state = MessageState::Suppressed;
        message.error = reason;
        message.updated_at = now;
        held.suppressed.push_back(message);
    }
    if (held.to_send.empty() && !held.suppressed.empty()) {
        auto done = connection.execute(
            "UPDATE mmsgate_send_request SET dispatch_state = 'done', lease_owner = NULL, lease_until = NULL, "
            "outcome_unknown = 0, updated_at = $2 WHERE id = $1",
            { request.id, now });
        if (!done)
            return std::unexpected(std::move(done.error()));
    }
    return held;
}

}
