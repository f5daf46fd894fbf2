#include "messaging/send/send_handler.hpp"

#include "conversations/conversation_repository.hpp"
#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "http/response.hpp"
#include "http/same_origin.hpp"
#include "media/upload_repository.hpp"
#include "messaging/message_store.hpp"
#include "messaging/send/send_store.hpp"
#include "messaging/send/send_request.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

constexpr Millis kIdempotencyWindow = 24LL * 3600 * 1000;
constexpr std::size_t kMaxIdempotencyKeyLength = 255;

nlohmann::json recipient_json(MessageRecord const& message)
{
    nlohmann::json entry = { { "to", message.recipient }, { "id", message.id }, { "state", to_string(message.state) } };
    entry["messageUuid"] = message.plivo_uuid ? nlohmann::json(*message.plivo_uuid) : nlohmann::json(nullptr);
    if (message.error)
        entry["error"] = *message.error;
    return entry;
}

nlohmann::json recipients_json(std::vector<MessageRecord> const& messages)
{
    nlohmann::json recipients = nlohmann::json::array();
    for (auto const& message : messages)
        recipients.push_back(recipient_json(message));
    return recipients;
}

// 202: the message is stored and mmsgate still owns it, so the client must follow it, not resend it.
// `status` is pending (not sent yet), retrying (Plivo certainly did not take it; sent again
// automatically), checking (an attempt may have reached Plivo; checked before any resend) or unknown.
Response stored_response(std::string_view status, std::string const& id, std::string reason,
    std::vector<MessageRecord> const& messages, std::vector<std::string> const& invalid_numbers, bool sandbox)
{
    return json_response(http::status::accepted,
        { { "success", true }, { "status", status }, { "id", id }, { "reason", std::move(reason) },
            { "message", "Accepted; mmsgate keeps working on it" }, { "recipients", recipients_json(messages) },
            { "invalidNumbers", invalid_numbers }, { "sandbox", sandbox } });
}

// 5xx: nothing of this request is held for sending, so sending it again cannot duplicate it. When
// Plivo refused the message (or it was given up), the attempt is in the history as failed.
Response not_stored_response(http::status status, std::string error, nlohmann::json extra = nlohmann::json::object())
{
    nlohmann::json body = { { "success", false }, { "stored", false }, { "error", std::move(error) } };
    body.update(extra);
    return json_response(status, body);
}

Response pending_response(std::string const& id, std::vector<MessageRecord> const& messages, bool sandbox)
{
    return stored_response("pending", id,
        "The message is stored and waits for its turn at Plivo; mmsgate sends it automatically. Do not send it again.",
        messages, {}, sandbox);
}

// The response for a dispatch outcome; `first_id` names the stored message (the first recipient's).
Response outcome_response(DispatchOutcome const& outcome, std::string const& first_id, bool sandbox)
{
    auto recipients = recipients_json(outcome.messages);
    nlohmann::json uuids = nlohmann::json::array();
    for (auto const& message : outcome.messages) {
        if (message.plivo_uuid)
            uuids.push_back(*message.plivo_uuid);
    }
    auto what = outcome.http_status ? "Plivo answered " + std::to_string(outcome.http_status)
                                    : std::string("Plivo did not answer");
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Accepted: {
        if (uuids.empty()) {
            return not_stored_response(http::status::bad_gateway,
                "Plivo accepted the request but rejected every destination number",
                { { "field", "to" }, { "id", first_id }, { "status", "failed" }, { "recipients", recipients },
                    { "invalidNumbers", outcome.invalid_numbers }, { "sandbox", sandbox } });
        }
        return json_response(http::status::ok,
            { { "success", true }, { "message", "MMS sent successfully!" }, { "id", first_id }, { "sandbox", sandbox },
                { "plivoResponse", { { "message", "message(s) queued" }, { "messageUuid", uuids }, { "apiId", outcome.api_id } } },
                { "recipients", recipients }, { "invalidNumbers", outcome.invalid_numbers } });
    }
    case DispatchOutcome::Kind::Rejected:
    case DispatchOutcome::Kind::Failed:
        return not_stored_response(outcome.kind == DispatchOutcome::Kind::Rejected ? http::status::bad_gateway
                                                                                  : http::status::service_unavailable,
            outcome.error,
            { { "id", first_id }, { "status", "failed" }, { "recipients", recipients }, { "sandbox", sandbox } });
    case DispatchOutcome::Kind::Retrying:
        if (outcome.checking)
            return stored_response("checking", first_id,
                what + "; the message is stored and mmsgate checks with Plivo whether it has it before sending it "
                       "again. Do not send it again.",
                outcome.messages, outcome.invalid_numbers, sandbox);
        return stored_response("retrying", first_id,
            what + "; the message is stored and mmsgate sends it again automatically. Do not send it again.",
            outcome.messages, outcome.invalid_numbers, sandbox);
    case DispatchOutcome::Kind::Unknown:
        return stored_response("unknown", first_id,
            what + "; it is unknown whether Plivo has the message. Its history offers a deliberate resend.",
            outcome.messages, outcome.invalid_numbers, sandbox);
    }
    return not_stored_response(http::status::internal_server_error, "Internal server error");
}

// Every 5xx of the send route says that nothing was stored, whoever produced it (a session check
// on a database that is down, for example).
Response marked_not_stored(Response response)
{
    if (response.result_int() < 500)
        return response;
    auto body = nlohmann::json::parse(response.body(), nullptr, false);
    if (!body.is_object() || body.contains("stored"))
        return response;
    body["stored"] = false;
    response.body() = json_text(body);
    response.prepare_payload();
    return response;
}

Response replay(IdempotencyRecord const& record, std::vector<MessageRecord> const& messages, bool sandbox)
{
    if (record.response_status && record.response_body) {
        auto response = text_response(http::status(*record.response_status), *record.response_body, "application/json");
        response.set("Idempotent-Replayed", "true");
        return response;
    }
    auto id = messages.empty() ? record.request_id.value_or("") : messages.front().id;
    auto response = pending_response(id, messages, sandbox);
    response.set("Idempotent-Replayed", "true");
    return response;
}

// What one send request has stored so far, for an answer after an unexpected exception.
struct StoredSoFar {
    std::vector<MessageRecord> messages; // empty until the insert committed
};

// A 5xx must never say "nothing stored" about a stored message: once the insert committed, an
// exception is answered 202 "checking" (the request is stored with its outcome unknown, so the
// dispatcher asks Plivo before any resend).
Response answer_after_exception(std::exception const& exception, StoredSoFar const& stored, Request const& request, bool sandbox)
{
    spdlog::error("send handler threw: {} (stored: {}) id={}", exception.what(), !stored.messages.empty(), request.request_id);
    if (stored.messages.empty())
        return not_stored_response(http::status::internal_server_error, "Internal server error; nothing was stored. Try again.");
    return stored_response("checking", stored.messages.front().id,
        "An internal error interrupted the answer; the message is stored and mmsgate checks with Plivo whether it has it "
        "before sending it. Do not send it again.",
        stored.messages, {}, sandbox);
}

class SendHandler {
public:
    explicit SendHandler(SendHandlerDependencies dependencies)
        : m(std::move(dependencies))
    {
    }

    Awaitable<Response> answer(Request& request, SendEndpoint endpoint)
    {
        StoredSoFar stored;
        Response response;
        try {
            response = co_await handle(request, stored, endpoint);
        } catch (std::exception const& exception) {
            response = answer_after_exception(exception, stored, request, m.config.sandbox);
        }
        co_return marked_not_stored(std::move(response));
    }

private:
    Awaitable<Response> handle(Request& request, StoredSoFar& stored_so_far, SendEndpoint endpoint)
    {
        auto user = co_await m.authenticate(request);
        if (!user)
            co_return authentication_failure(user.error());
        if (is_cross_site_request(request, m.config.nextauth_url))
            co_return error_response(http::status::forbidden, kCrossSiteRefused);
        auto content_type = request.header(http::field::content_type);
        if (!content_type.starts_with("application/json"))
            co_return error_response(http::status::unsupported_media_type, "Content-Type must be application/json");

        auto input = parse_send_request(request.message.body(), endpoint);
        if (!input)
            co_return error_response(input.error());
        if (input->sender && *input->sender != m.config.plivo.sender_number)
            co_return error_response(http::status::bad_request,
                "from must be this account's sender number, " + m.config.plivo.sender_number, "from");

        SendUploadLimits upload_limits { kMaxMedia, m.config.uploads.max_message_bytes };
        auto uploads = co_await m.database.read<void>([&](SqlConnection& connection) {
            return check_send_uploads(connection, user->id, user->is_admin(), input->upload_ids,
                input->media_urls.size() + input->media_ids.size(), upload_limits);
        });
        if (!uploads)
            co_return error_response(uploads.error());

        std::optional<NewIdempotencyKey> idempotency;
        if (auto key = request.header("Idempotency-Key"); !key.empty()) {
            if (key.size() > kMaxIdempotencyKeyLength)
                co_return error_response(http::status::bad_request, "Idempotency-Key is longer than 255 characters");
            idempotency = NewIdempotencyKey { std::string(key), hex_encode(sha256(canonical_json(*input))) };
            auto replayed = co_await find_replay(user->id, *idempotency);
            if (replayed)
                co_return std::move(*replayed);
        }

        auto now = now_millis();
        SendRequestRecord record;
        record.id = new_cuid();
        record.user_id = user->id;
        record.sender = m.config.plivo.sender_number;
        record.text = input->text;
        record.media_urls = input->media_urls;
        record.media_ids = input->media_ids;
        record.message_type = input->type;
        record.origin = input->origin;
        record.attempts = 1;
        record.next_attempt_at = now;
        record.deadline_at = now + std::chrono::duration_cast<std::chrono::milliseconds>(m.config.dispatch.retry_deadline).count();
        record.outcome_unknown = true;
        record.first_attempt_at = now;
        record.created_at = now;
        std::vector<MessageRecord> messages;
        for (auto const& recipient : input->recipients) {
            MessageRecord message;
            message.id = new_cuid();
            message.request_id = record.id;
            message.user_id = user->id;
            message.recipient = recipient;
            message.sender = record.sender;
            message.text = record.text;
            message.media_urls = record.media_urls;
            message.created_at = now;
            message.updated_at = now;
            messages.push_back(std::move(message));
        }

        auto lease_until = now + m.dispatcher->lease_duration();
        bool dispatch_at_once = !m.dispatcher->backlogged_beyond(m.config.dispatch.send_wait);
        auto claim = dispatch_at_once ? std::optional<InitialClaim>(InitialClaim { m.dispatcher->lease_owner(), lease_until }) : std::nullopt;
        std::vector<ConversationSummary> conversations;
        auto stored = co_await m.database.write<void>([&](SqlConnection& connection) -> Result<void> {
            if (auto inserted = insert_send_request(connection, record, messages, idempotency, claim); !inserted)
                return inserted;
            if (auto linked = link_uploads(connection, record.id, input->upload_ids); !linked)
                return linked;
            auto joined = conversations_of_messages(connection, message_ids_of(messages));
            if (!joined)
                return std::unexpected(std::move(joined.error()));
            conversations = std::move(*joined);
            return {};
        });
        if (!stored) {
            if (stored.error().code == ErrorCode::AlreadyExists && idempotency) {
                // Another request with the same key won the race and stored the message: answer as
                // it will, or, when its record cannot be read now, 409 (never "nothing was stored").
                auto replayed = co_await find_replay(user->id, *idempotency);
                if (replayed && replayed->result_int() < 500)
                    co_return std::move(*replayed);
                co_return error_response(http::status::conflict,
                    "Another request with this Idempotency-Key stored the message just now; send again with the same key "
                    "to get its answer");
            }
            spdlog::error("cannot store a send request: {} ({})", stored.error().message, stored.error().detail);
            co_return not_stored_response(
                http::status::service_unavailable, "The message could not be stored; nothing was sent. Try again.");
        }
        stored_so_far.messages = messages;
        publish_conversations(conversations);
        spdlog::info("send request {} by user {}: {} recipient(s), {} media", record.id, user->id, messages.size(),
            record.media_urls.size() + record.media_ids.size());

        if (!dispatch_at_once)
            co_return pending_response(messages.front().id, messages, m.config.sandbox);
        DispatchJob job { record, messages, false, lease_until };
        job.request.outcome_unknown = true;
        auto signal = m.dispatcher->dispatch_now(std::move(job));
        auto outcome = co_await signal->wait(m.config.dispatch.send_wait);
        auto const& first_id = messages.front().id;
        if (!outcome)
            co_return pending_response(first_id, messages, m.config.sandbox);
        auto response = outcome_response(*outcome, first_id, m.config.sandbox);
        bool settled = outcome->kind == DispatchOutcome::Kind::Accepted || outcome->kind == DispatchOutcome::Kind::Rejected;
        if (idempotency && settled) {
            auto status = int(response.result_int());
            auto saved = co_await m.database.write<void>([&](SqlConnection& connection) {
                return store_idempotent_response(connection, user->id, idempotency->key, status, response.body());
            });
            if (!saved)
                spdlog::warn("cannot store the idempotent response: {}", saved.error().message);
        }
        co_return response;
    }

    Awaitable<std::optional<Response>> find_replay(std::string const& user_id, NewIdempotencyKey const& key)
    {
        auto not_before = now_millis() - kIdempotencyWindow;
        auto found = co_await m.database.read<std::optional<IdempotencyRecord>>(
            [&](SqlConnection& connection) { return find_idempotency_key(connection, user_id, key.key, not_before); });
        if (!found)
            co_return not_stored_response(http::status::service_unavailable, std::string(kDatabaseUnavailable) + "; nothing was stored");
        if (!*found)
            co_return std::nullopt;
        if ((*found)->body_hash != key.body_hash)
            co_return error_response(http::status::unprocessable_entity,
                "This Idempotency-Key was already used with a different request body");
        std::vector<MessageRecord> messages;
        if (auto const& request_id = (*found)->request_id; request_id && !(*found)->response_body) {
            auto loaded = co_await m.database.read<std::vector<MessageRecord>>(
                [&](SqlConnection& connection) { return messages_of_request(connection, *request_id); });
            if (loaded)
                messages = std::move(*loaded);
        }
        co_return replay(**found, messages, m.config.sandbox);
    }

    static std::vector<std::string> message_ids_of(std::vector<MessageRecord> const& messages)
    {
        std::vector<std::string> ids;
        for (auto const& message : messages)
            ids.push_back(message.id);
        return ids;
    }

    // Unread counts are per user: the event carries none (null), clients keep their own.
    void publish_conversations(std::vector<ConversationSummary> const& conversations)
    {
        if (!m.feed)
            return;
        for (auto const& conversation : conversations) {
            auto summary = conversation_json(conversation);
            summary["unreadCount"] = nullptr;
            m.feed->publish_event({ "conversation", json_text({ { "conversation", summary } }) });
        }
    }

    SendHandlerDependencies m;
};

}

void add_send_routes(Router& router, SendHandlerDependencies dependencies)
{
    auto handler = std::make_shared<SendHandler>(std::move(dependencies));
    router.add(http::verb::post, "/api/send-mms", [handler](Request& request) { return handler->answer(request, SendEndpoint::SendMms); });
    router.add(http::verb::post, "/api/messages", [handler](Request& request) { return handler->answer(request, SendEndpoint::Messages); });
}

}
