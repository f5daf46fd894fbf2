#include "messaging/quiet_hours/cancel_scheduled.hpp"

#include "core/found.hpp"
#include "messaging/message_store.hpp"

namespace mmsgate {

Result<MessageRecord> cancel_scheduled_message(SqlConnection& connection, std::string const& message_id,
    std::optional<std::string> const& owner_id, std::string const& who, Millis now)
{
    auto found = find_message(connection, message_id);
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (!*found || (owner_id && (*found)->user_id != *owner_id))
        return fail(ErrorCode::NotFound, "No such message");
    auto const& request_id = (*found)->request_id;
    // The request's row lock orders this against a claim of the same request (dispatch/outbox.cpp).
    auto locked = connection.execute(
        connection.dialect() == Dialect::Postgres ? "SELECT id FROM mmsgate_send_request WHERE id = $1 FOR UPDATE"
                                                  : "SELECT id FROM mmsgate_send_request WHERE id = $1",
        { request_id });
    if (!locked)
        return std::unexpected(std::move(locked.error()));
    auto cancelled = connection.execute(
        "UPDATE mmsgate_message SET state = 'cancelled', updated_at = $2 WHERE id = $1 AND state = 'scheduled'", { message_id, now });
    if (!cancelled)
        return std::unexpected(std::move(cancelled.error()));
    if (cancelled->affected_rows == 0) {
        auto current = find_message(connection, message_id);
        auto state = current && *current ? std::string(to_string((*current)->state)) : std::string("unknown");
        return fail(ErrorCode::AlreadyExists,
            "This message can no longer be cancelled: it is " + state
                + (state == "cancelled" ? "" : " (only a message still scheduled for quiet hours can be cancelled; once it is being sent it goes)"));
    }
    if (auto event = record_state_event(connection, message_id, MessageState::Cancelled, "api", "Cancelled by " + who,
            std::nullopt, now);
        !event)
        return std::unexpected(std::move(event.error()));
    // Nothing left to send: the request is done and no dispatcher claims it.
    auto finished = connection.execute(
        "UPDATE mmsgate_send_request SET dispatch_state = 'done', updated_at = $2 WHERE id = $1 AND NOT EXISTS "
        "(SELECT 1 FROM mmsgate_message WHERE request_id = $1 AND state IN ('scheduled', 'accepted'))",
        { request_id, now });
    if (!finished)
        return std::unexpected(std::move(finished.error()));
    return found_or(find_message(connection, message_id), fail(ErrorCode::Internal, "The cancelled message disappeared"));
}

}
