#include "messaging/send/send_store.hpp"

#include "conversations/conversation_repository.hpp"
#include "messaging/message_store.hpp"

#include <algorithm>

namespace mmsgate {

Result<void> insert_send_request(SqlConnection& connection, SendRequestRecord const& request,
    std::vector<MessageRecord> const& messages, std::optional<NewIdempotencyKey> const& idempotency,
    std::optional<InitialClaim> const& claim)
{
    if (idempotency) {
        auto key = connection.execute(
            "INSERT INTO mmsgate_idempotency_key (user_id, idempotency_key, body_hash, request_id, created_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            { request.user_id, idempotency->key, idempotency->body_hash, request.id, request.created_at });
        if (!key)
            return std::unexpected(std::move(key.error()));
    }
    SqlParams params { request.id, request.user_id, request.sender, request.text, to_json_array(request.media_urls),
        to_json_array(request.media_ids), request.created_at, request.deadline_at, request.message_type, request.origin };
    if (claim) {
        params.emplace_back(claim->lease_owner);
        params.emplace_back(claim->lease_until);
    } else {
        // A request held for quiet hours is due when its recipients' window opens.
        params.emplace_back(std::max(request.next_attempt_at, request.created_at));
    }
    auto inserted = connection.execute(claim
            ? "INSERT INTO mmsgate_send_request (id, user_id, sender, text, media_urls, media_ids, message_type, origin, "
              "dispatch_state, attempts, next_attempt_at, deadline_at, lease_owner, lease_until, outcome_unknown, "
              "first_attempt_at, last_attempt_at, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $9, $10, 'pending', 1, $7, $8, $11, $12, 1, $7, $7, $7, $7)"
            : "INSERT INTO mmsgate_send_request (id, user_id, sender, text, media_urls, media_ids, message_type, origin, "
              "dispatch_state, attempts, next_attempt_at, deadline_at, outcome_unknown, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $9, $10, 'pending', 0, $11, $8, 0, $7, $7)",
        params);
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    bool has_media = !request.media_urls.empty() || !request.media_ids.empty();
    for (auto const& message : messages) {
        // Every outbound message belongs to the conversation with its recipient (issue 15).
        auto conversation_id = record_conversation_activity(
            connection, { request.sender, message.recipient, "out", request.text, has_media, request.created_at });
        if (!conversation_id)
            return std::unexpected(std::move(conversation_id.error()));
        // accepted, or scheduled (quiet hours) with the time it goes.
        auto row = connection.execute(
            "INSERT INTO mmsgate_message (id, request_id, user_id, recipient, state, conversation_id, scheduled_for, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, $7, $6, $8, $5, $5)",
            { message.id, request.id, request.user_id, message.recipient, request.created_at, *conversation_id,
                std::string(to_string(message.state)), sql_value(message.scheduled_for) });
        if (!row)
            return std::unexpected(std::move(row.error()));
        auto detail = message.scheduled_for
            ? std::optional<std::string>("Quiet hours: held until " + format_iso8601(*message.scheduled_for))
            : std::nullopt;
        if (auto event = record_state_event(connection, message.id, message.state, "api", std::move(detail),
                std::nullopt, request.created_at);
            !event)
            return event;
    }
    return {};
}

Result<std::optional<IdempotencyRecord>> find_idempotency_key(
    SqlConnection& connection, std::string const& user_id, std::string const& key, Millis not_before)
{
    return select_first(connection,
        "SELECT body_hash, request_id, response_status, response_body, created_at FROM mmsgate_idempotency_key "
        "WHERE user_id = $1 AND idempotency_key = $2 AND created_at >= $3",
        { user_id, key, not_before }, [](RowReader& next) {
            IdempotencyRecord record;
            next(record.body_hash, record.request_id, record.response_status, record.response_body, record.created_at);
            return record;
        });
}

Result<void> store_idempotent_response(
    SqlConnection& connection, std::string const& user_id, std::string const& key, int status, std::string const& body)
{
    auto result = connection.execute("UPDATE mmsgate_idempotency_key SET response_status = $3, response_body = $4 "
                                      "WHERE user_id = $1 AND idempotency_key = $2",
        { user_id, key, std::int64_t(status), body });
    if (!result)
        return std::unexpected(std::move(result.error()));
    return {};
}

}
