#include "suppressions/automatic_reply.hpp"

#include "conversations/conversation_repository.hpp"
#include "core/ids.hpp"
#include "messaging/message.hpp"
#include "messaging/message_store.hpp"

namespace mmsgate {

Result<std::string> queue_automatic_reply(SqlConnection& connection, Config const& config, AutomaticReply const& reply, Millis now)
{
    auto request_id = new_cuid();
    auto deadline = now + std::chrono::duration_cast<std::chrono::milliseconds>(config.dispatch.retry_deadline).count();
    auto request = connection.execute(
        "INSERT INTO mmsgate_send_request (id, user_id, sender, text, media_urls, media_ids, message_type, origin, "
        "dispatch_state, attempts, next_attempt_at, deadline_at, outcome_unknown, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, '[]', '[]', 'sms', 'automatic', 'pending', 0, $5, $6, 0, $5, $5)",
        { request_id, std::string(kSystemUserId), reply.from, reply.text, now, deadline });
    if (!request)
        return std::unexpected(std::move(request.error()));
    auto conversation_id = record_conversation_activity(connection, { reply.from, reply.to, "out", reply.text, false, now });
    if (!conversation_id)
        return std::unexpected(std::move(conversation_id.error()));
    auto message_id = new_cuid();
    auto message = connection.execute(
        "INSERT INTO mmsgate_message (id, request_id, user_id, recipient, state, conversation_id, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, 'accepted', $5, $6, $6)",
        { message_id, request_id, std::string(kSystemUserId), reply.to, *conversation_id, now });
    if (!message)
        return std::unexpected(std::move(message.error()));
    if (auto event = record_state_event(connection, message_id, MessageState::Accepted, "automatic", std::nullopt, std::nullopt, now);
        !event)
        return std::unexpected(std::move(event.error()));
    return request_id;
}

}
