#include "messaging/send_handler.hpp"

#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "http/response.hpp"
#include "http/same_origin.hpp"
#include "messaging/message_repository.hpp"
#include "messaging/send_request.hpp"

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

// The response for a dispatch outcome; `first_id` names the stored message (the first recipient's).
Response outcome_response(DispatchOutcome const& outcome, std::string const& first_id, bool sandbox)
{
    nlohmann::json recipients = nlohmann::json::array();
    nlohmann::json uuids = nlohmann::json::array();
    for (auto const& message : outcome.messages) {
        recipients.push_back(recipient_json(message));
        if (message.plivo_uuid)
            uuids.push_back(*message.plivo_uuid);
    }
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Accepted: {
        if (uuids.empty()) {
            return json_response(http::status::bad_gateway,
                { { "success", false }, { "error", "Plivo accepted the request but rejected every destination number" },
                    { "field", "to" }, { "id", first_id }, { "recipients", recipients },
                    { "invalidNumbers", outcome.invalid_numbers }, { "sandbox", sandbox } });
        }
        return json_response(http::status::ok,
            { { "success", true }, { "message", "MMS sent successfully!" }, { "id", first_id }, { "sandbox", sandbox },
                { "plivoResponse", { { "message", "message(s) queued" }, { "messageUuid", uuids }, { "apiId", outcome.api_id } } },
                { "recipients", recipients }, { "invalidNumbers", outcome.invalid_numbers } });
    }
    case DispatchOutcome::Kind::Rejected:
    case DispatchOutcome::Kind::Failed:
        return json_response(outcome.kind == DispatchOutcome::Kind::Rejected ? http::status::bad_gateway
                                                                              : http::status::service_unavailable,
            { { "success", false }, { "error", outcome.error }, { "id", first_id }, { "status", "failed" },
                { "recipients", recipients }, { "sandbox", sandbox } });
    case DispatchOutcome::Kind::Retrying:
    case DispatchOutcome::Kind::Unknown: {
        // The message stays stored and mmsgate keeps working on it: the client must not resend it.
        bool no_answer = outcome.http_status == 0 || outcome.http_status == 500 || outcome.http_status == 502
            || outcome.http_status == 504;
        auto status = no_answer ? http::status::gateway_timeout : http::status::service_unavailable;
        auto what = outcome.http_status ? "Plivo answered " + std::to_string(outcome.http_status)
                                        : std::string("Plivo did not answer");
        auto text = outcome.kind == DispatchOutcome::Kind::Unknown
            ? what + "; it is unknown whether the message was sent (see its history to send it again)"
            : what + "; the message is stored and mmsgate retries it automatically: do not send it again";
        return json_response(status,
            { { "success", false }, { "error", text }, { "id", first_id },
                { "status", outcome.kind == DispatchOutcome::Kind::Unknown ? "unknown" : "retrying" },
                { "recipients", recipients }, { "sandbox", sandbox } });
    }
    }
    return error_response(http::status::internal_server_error, "Internal server error");
}

Response pending_response(std::string const& id, bool sandbox)
{
    return json_response(http::status::accepted,
        { { "success", true }, { "status", "pending" }, { "id", id }, { "sandbox", sandbox },
            { "message", "Accepted; waiting for Plivo's answer" } });
}

Response replay(IdempotencyRecord const& record, bool sandbox)
{
    if (record.response_status && record.response_body) {
        auto response = text_response(http::status(*record.response_status), *record.response_body, "application/json");
        response.set("Idempotent-Replayed", "true");
        return response;
    }
    auto response = pending_response(record.request_id.value_or(""), sandbox);
    response.set("Idempotent-Replayed", "true");
    return response;
}

class SendHandler {
public:
    explicit SendHandler(SendHandlerDependencies dependencies)
        : m(std::move(dependencies))
    {
    }

    Awaitable<Response> handle(Request& request)
    {
        auto user = co_await m.authenticate(request);
        if (!user)
            co_return authentication_failure(user.error());
        if (is_cross_site_request(request, m.config.nextauth_url))
            co_return error_response(http::status::forbidden, "Cross-site requests are not allowed");
        auto content_type = request.header(http::field::content_type);
        if (!content_type.starts_with("application/json"))
            co_return error_response(http::status::unsupported_media_type, "Content-Type must be application/json");

        auto input = parse_send_request(request.message.body());
        if (!input)
            co_return error_response(input.error());

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
        auto stored = co_await m.database.write<void>([&](SqlConnection& connection) {
            return insert_send_request(connection, record, messages, idempotency, claim);
        });
        if (!stored) {
            if (stored.error().code == ErrorCode::AlreadyExists && idempotency) {
                // Another request with the same key won the race: answer as it will.
                if (auto replayed = co_await find_replay(user->id, *idempotency))
                    co_return std::move(*replayed);
            }
            spdlog::error("cannot store a send request: {} ({})", stored.error().message, stored.error().detail);
            co_return error_response(http::status::service_unavailable, "The message could not be stored; nothing was sent. Try again.");
        }
        spdlog::info("send request {} by user {}: {} recipient(s), {} media", record.id, user->id, messages.size(),
            record.media_urls.size() + record.media_ids.size());

        if (!dispatch_at_once)
            co_return pending_response(messages.front().id, m.config.sandbox);
        DispatchJob job { record, messages, false, lease_until };
        job.request.outcome_unknown = true;
        auto signal = m.dispatcher->dispatch_now(std::move(job));
        auto outcome = co_await signal->wait(m.config.dispatch.send_wait);
        auto const& first_id = messages.front().id;
        if (!outcome)
            co_return pending_response(first_id, m.config.sandbox);
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

private:
    Awaitable<std::optional<Response>> find_replay(std::string const& user_id, NewIdempotencyKey const& key)
    {
        auto not_before = now_millis() - kIdempotencyWindow;
        auto found = co_await m.database.read<std::optional<IdempotencyRecord>>(
            [&](SqlConnection& connection) { return find_idempotency_key(connection, user_id, key.key, not_before); });
        if (!found)
            co_return error_response(http::status::service_unavailable, "The database is unavailable; try again");
        if (!*found)
            co_return std::nullopt;
        if ((*found)->body_hash != key.body_hash)
            co_return error_response(http::status::unprocessable_entity,
                "This Idempotency-Key was already used with a different request body");
        co_return replay(**found, m.config.sandbox);
    }

    SendHandlerDependencies m;
};

}

void add_send_routes(Router& router, SendHandlerDependencies dependencies)
{
    auto handler = std::make_shared<SendHandler>(std::move(dependencies));
    router.add(http::verb::post, "/api/send-mms", [handler](Request& request) { return handler->handle(request); });
}

}
