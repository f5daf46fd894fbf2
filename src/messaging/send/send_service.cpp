#include "messaging/send/send_service.hpp"

#include "conversations/conversation_repository.hpp"
#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "media/upload_repository.hpp"
#include "suppressions/send_check.hpp"
#include "http/response.hpp"
#include "messaging/message_json.hpp"
#include "messaging/message_store.hpp"
#include "messaging/send/send_store.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

constexpr Millis kIdempotencyWindow = 24LL * 3600 * 1000;
constexpr std::size_t kMaxIdempotencyKeyLength = 255;

SendRequestRecord new_request_record(SendCommand const& command, std::string const& sender, DispatchSettings const& dispatch)
{
    auto now = now_millis();
    auto retry_deadline = std::chrono::duration_cast<std::chrono::milliseconds>(dispatch.retry_deadline).count();
    auto const& input = command.input;
    return SendRequestRecord { .id = new_cuid(), .user_id = command.user_id, .sender = sender, .text = input.text,
        .media_urls = input.media_urls, .media_ids = input.media_ids, .message_type = input.type, .origin = input.origin,
        .attempts = 1, .next_attempt_at = now, .deadline_at = now + retry_deadline, .outcome_unknown = true,
        .first_attempt_at = now, .created_at = now };
}

std::vector<MessageRecord> new_message_records(SendRequestRecord const& record, std::vector<std::string> const& recipients)
{
    MessageRecord common;
    common.request_id = record.id;
    common.user_id = record.user_id;
    common.sender = record.sender;
    common.text = record.text;
    common.media_urls = record.media_urls;
    common.created_at = common.updated_at = record.created_at;
    std::vector<MessageRecord> messages(recipients.size(), common);
    for (std::size_t i = 0; i < recipients.size(); ++i) {
        messages[i].id = new_cuid();
        messages[i].recipient = recipients[i];
    }
    return messages;
}

std::vector<std::string> message_ids_of(std::vector<MessageRecord> const& messages)
{
    std::vector<std::string> ids;
    for (auto const& message : messages)
        ids.push_back(message.id);
    return ids;
}

SendResult pending(std::vector<MessageRecord> messages, std::string id)
{
    SendResult result;
    result.outcome.kind = DispatchOutcome::Kind::Pending;
    result.outcome.messages = std::move(messages);
    result.id = std::move(id);
    return result;
}

}

SendService::SendService(SendServiceDependencies dependencies)
    : m(std::move(dependencies))
{
}

Result<void> SendService::validate(SendCommand const& command) const
{
    auto const& sender = m.config.plivo.sender_number;
    if (command.input.sender && *command.input.sender != sender)
        return fail_field("from", "from must be this account's sender number, " + sender);
    if (command.idempotency_key && command.idempotency_key->size() > kMaxIdempotencyKeyLength)
        return fail(ErrorCode::InvalidArgument, "Idempotency-Key is longer than 255 characters");
    return {};
}

Awaitable<Result<SendResult>> SendService::send(SendCommand command)
{
    if (auto valid = validate(command); !valid)
        co_return std::unexpected(std::move(valid.error()));

    std::optional<NewIdempotencyKey> idempotency;
    if (command.idempotency_key) {
        idempotency = NewIdempotencyKey { *command.idempotency_key, hex_encode(sha256(canonical_json(command.input))) };
        auto replayed = co_await find_replay(command.user_id, idempotency->key, idempotency->body_hash);
        if (!replayed)
            co_return std::unexpected(std::move(replayed.error()));
        if (*replayed)
            co_return std::move(**replayed);
    }

    if (auto uploads = co_await check_uploads(command); !uploads)
        co_return std::unexpected(std::move(uploads.error()));

    auto record = new_request_record(command, m.config.plivo.sender_number, m.config.dispatch);
    auto messages = new_message_records(record, command.input.recipients);
    auto held = hold_for_quiet_hours(m.config.quiet_hours, command.input.transactional, record, messages);
    auto claim = messages.empty() ? std::nullopt : m.dispatcher->claim_for_new_request(m.config.dispatch.send_wait);
    std::vector<ConversationSummary> conversations;
    HeldBack held_back;
    auto stored = co_await m.database.write<void>([&](SqlConnection& connection) -> Result<void> {
        auto now = now_millis();
        if (!messages.empty()) {
            if (auto inserted = insert_send_request(connection, record, messages, idempotency, claim); !inserted)
                return inserted;
            if (auto linked = link_uploads(connection, record.id, command.input.upload_ids); !linked)
                return linked;
            auto checked = hold_back_suppressed(connection, m.config, record, messages, now);
            if (!checked)
                return std::unexpected(std::move(checked.error()));
            held_back = std::move(*checked);
        }
        for (auto& scheduled : held.requests) {
            auto key = messages.empty() && scheduled.request.id == record.id ? idempotency : std::nullopt;
            if (auto inserted = insert_send_request(connection, scheduled.request, scheduled.messages, key, std::nullopt); !inserted)
                return inserted;
            if (auto linked = link_uploads(connection, scheduled.request.id, command.input.upload_ids); !linked)
                return linked;
            auto checked = hold_back_suppressed(connection, m.config, scheduled.request, scheduled.messages, now);
            if (!checked)
                return std::unexpected(std::move(checked.error()));
            held_back.suppressed.insert(held_back.suppressed.end(), checked->suppressed.begin(), checked->suppressed.end());
            scheduled.messages = std::move(checked->to_send);
        }
        auto ids = message_ids_of(messages);
        for (auto const& message : held.messages())
            ids.push_back(message.id);
        auto joined = conversations_of_messages(connection, ids);
        if (!joined)
            return std::unexpected(std::move(joined.error()));
        conversations = std::move(*joined);
        return {};
    });
    if (!stored) {
        if (stored.error().code == ErrorCode::AlreadyExists && idempotency) {
            // Another request with the same key won the race and stored the message: answer as it
            // will, or, when its record cannot be read now, 409 (never "nothing was stored").
            auto replayed = co_await find_replay(command.user_id, idempotency->key, idempotency->body_hash);
            if (replayed && *replayed && !((*replayed)->kept && (*replayed)->kept->status >= 500))
                co_return std::move(**replayed);
            if (!replayed && replayed.error().code != ErrorCode::Unavailable)
                co_return std::unexpected(std::move(replayed.error()));
            co_return fail(ErrorCode::AlreadyExists,
                "Another request with this Idempotency-Key stored the message just now; send again with the same key "
                "to get its answer");
        }
        spdlog::error("cannot store a send request: {} ({})", stored.error().message, stored.error().detail);
        co_return fail(ErrorCode::Unavailable, "The message could not be stored; nothing was sent. Try again.");
    }
    // A stored message is never answered "nothing stored": after an exception its outcome is
    // checked with Plivo before any resend.
    auto every_message = messages;
    for (auto const& message : held.messages())
        every_message.push_back(message);
    if (every_message.empty())
        every_message = held_back.suppressed;
    try {
        publish_conversations(conversations);
        spdlog::info("send request {} by user {}: {} recipient(s), {} media", record.id, record.user_id,
            messages.size(), record.media_urls.size() + record.media_ids.size());
        std::erase_if(held.requests, [](ScheduledRequest const& scheduled) { return scheduled.messages.empty(); });
        if (held_back.to_send.empty()) {
            // Nothing goes now: every recipient is held for quiet hours or suppressed.
            auto result = pending({}, every_message.front().id);
            result.held = std::move(held);
            result.suppressed = std::move(held_back.suppressed);
            co_return result;
        }
        auto result = co_await hand_to_dispatch(record, held_back.to_send, claim);
        result.held = std::move(held);
        result.suppressed = std::move(held_back.suppressed);
        co_return result;
    } catch (std::exception const& exception) {
        spdlog::error("send request {} threw after it was stored: {}", record.id, exception.what());
    }
    auto interrupted = pending(every_message, every_message.front().id);
    interrupted.outcome.kind = DispatchOutcome::Kind::Checking;
    interrupted.interrupted = true;
    co_return interrupted;
}

// The uploads a send names (issue 18): the sender's own (or any, for an admin), and within the
// media limits of one message.
Awaitable<Result<void>> SendService::check_uploads(SendCommand const& command)
{
    auto const& input = command.input;
    if (input.upload_ids.empty())
        co_return Result<void> {};
    SendUploadLimits limits { kMaxMedia, m.config.uploads.max_message_bytes };
    co_return co_await m.database.read<void>([&](SqlConnection& connection) {
        return check_send_uploads(connection, command.user_id, command.user_is_admin, input.upload_ids,
            input.media_urls.size() + input.media_ids.size(), limits);
    });
}

Awaitable<SendResult> SendService::hand_to_dispatch(
    SendRequestRecord const& record, std::vector<MessageRecord> const& messages, std::optional<InitialClaim> const& claim)
{
    auto const& first_id = messages.front().id;
    if (!claim)
        co_return pending(messages, first_id);
    DispatchJob job { record, messages, false, claim->lease_until };
    job.request.outcome_unknown = true;
    auto signal = m.dispatcher->dispatch_now(std::move(job));
    auto outcome = co_await signal->wait(m.config.dispatch.send_wait);
    if (!outcome)
        co_return pending(messages, first_id);
    SendResult result;
    result.outcome = std::move(*outcome);
    result.id = first_id;
    co_return result;
}

Awaitable<void> SendService::keep_answer(SendCommand const& command, SendResult const& result, KeptAnswer answer)
{
    auto kind = result.outcome.kind;
    bool final = kind == DispatchOutcome::Kind::Accepted || kind == DispatchOutcome::Kind::Rejected;
    if (!command.idempotency_key || result.replayed || result.interrupted || !final)
        co_return;
    auto saved = co_await m.database.write<void>([&](SqlConnection& connection) {
        return store_idempotent_response(connection, command.user_id, *command.idempotency_key, answer.status, answer.body);
    });
    if (!saved)
        spdlog::warn("cannot store the idempotent response: {}", saved.error().message);
}

Awaitable<Result<std::optional<SendResult>>> SendService::find_replay(
    std::string const& user_id, std::string const& key, std::string const& body_hash)
{
    auto not_before = now_millis() - kIdempotencyWindow;
    auto found = co_await m.database.read<std::optional<IdempotencyRecord>>(
        [&](SqlConnection& connection) { return find_idempotency_key(connection, user_id, key, not_before); });
    if (!found)
        co_return fail(ErrorCode::Unavailable, std::string(kDatabaseUnavailable) + "; nothing was stored");
    if (!*found)
        co_return std::optional<SendResult> {};
    auto const& kept = **found;
    if (kept.body_hash != body_hash)
        co_return fail(ErrorCode::Conflict, "This Idempotency-Key was already used with a different request body");
    if (kept.response_status && kept.response_body) {
        SendResult result;
        result.replayed = true;
        result.kept = KeptAnswer { *kept.response_status, *kept.response_body };
        co_return std::optional<SendResult> { std::move(result) };
    }
    std::vector<MessageRecord> messages;
    if (kept.request_id) {
        auto loaded = co_await m.database.read<std::vector<MessageRecord>>(
            [&](SqlConnection& connection) { return messages_of_request(connection, *kept.request_id); });
        if (loaded)
            messages = std::move(*loaded);
    }
    auto id = messages.empty() ? kept.request_id.value_or("") : messages.front().id;
    auto result = pending(std::move(messages), std::move(id));
    result.replayed = true;
    co_return std::optional<SendResult> { std::move(result) };
}

// Unread counts are per user: the event carries none (null), clients keep their own.
void SendService::publish_conversations(std::vector<ConversationSummary> const& conversations)
{
    if (!m.feed)
        return;
    for (auto const& conversation : conversations) {
        auto summary = conversation_json(conversation);
        summary["unreadCount"] = nullptr;
        m.feed->publish_event({ "conversation", json_text({ { "conversation", summary } }) });
    }
}

}
