#include "inbound/inbound_handler.hpp"

#include "conversations/conversation_repository.hpp"
#include "conversations/routes/conversation_json.hpp"
#include "http/response.hpp"
#include "inbound/inbound_repository.hpp"
#include "messaging/reports/report_store.hpp"
#include "messaging/reports/status_callback_handler.hpp"
#include "suppressions/opt_out_intake.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

// Plivo reads an XML answer (it may carry <Message> replies); an empty one says "received".
Response received()
{
    return text_response(http::status::ok, "<Response></Response>", "application/xml");
}

void publish_incoming(MessageFeed& feed, StoredIncoming const& stored, std::optional<ConversationSummary> const& conversation)
{
    nlohmann::json conversation_json_value = conversation ? conversation_json(*conversation) : nlohmann::json(nullptr);
    // Unread counts are per user; the event cannot know the reader's, so clients count it themselves.
    if (conversation)
        conversation_json_value["unreadCount"] = nullptr;
    feed.publish_event({ "inbound",
        json_text({ { "conversation", conversation_json_value }, { "message", thread_message_json(stored.message) } }) });
}

// A V2-only message's body is unsigned: Plivo must list its MessageUUID as an incoming message
// between the same two numbers, or it is not stored.
Awaitable<Result<void>> confirmed_with_plivo(PlivoGateway& plivo, IncomingMessage const& message)
{
    auto found = co_await plivo.get(message.plivo_uuid);
    if (found.outcome == PlivoCallOutcome::Rejected)
        co_return fail(ErrorCode::PermissionDenied, "Plivo has no such message");
    if (found.outcome != PlivoCallOutcome::Accepted || found.messages.empty())
        co_return fail(ErrorCode::Unavailable, "Plivo could not confirm the message: " + found.error);
    auto const& listed = found.messages.front();
    if (listed.direction != "inbound" || plivo_number_to_e164(listed.from_digits) != message.from
        || plivo_number_to_e164(listed.to_digits) != message.to)
        co_return fail(ErrorCode::PermissionDenied, "Plivo lists that message differently");
    co_return Result<void> {};
}

Response replay_refused(Request const& request)
{
    spdlog::warn("incoming message with a nonce seen before from {} refused (replay)", request.peer.to_string());
    return error_response(ErrorCode::PermissionDenied, kReplayedPlivoSignature);
}

Awaitable<Response> handle_inbound(InboundDependencies const& m, Request& request)
{
    auto callback = signed_plivo_callback(request, m.config, "incoming message");
    if (!callback)
        co_return std::move(callback.error());
    auto const& signature = callback->signature;
    auto message = parse_incoming_message(callback->params);
    if (!message)
        co_return error_response(message.error());

    auto now = now_millis();
    // A known replay is refused read-only, before any write or Plivo lookup.
    auto seen = co_await m.database.read<bool>(
        [&](SqlConnection& connection) { return signature_nonce_seen(connection, signature.nonce_key(), now); });
    if (!seen) {
        spdlog::error("cannot check an incoming message's nonce: {} ({})", seen.error().message, seen.error().detail);
        co_return error_response(ErrorCode::Unavailable, "Temporarily unable to store the message");
    }
    if (*seen)
        co_return replay_refused(request);
    if (!signature.covers_body) {
        auto confirmed = co_await confirmed_with_plivo(m.plivo, *message);
        if (!confirmed) {
            spdlog::warn("V2-only incoming message {} from {} not stored: {}", message->plivo_uuid, request.peer.to_string(),
                confirmed.error().message);
            // Unconfirmed is refused (Plivo never sends V2 alone, so no real delivery is lost); a
            // lookup that failed is 503 so that a real delivery would be retried.
            co_return confirmed.error().code == ErrorCode::PermissionDenied
                ? error_response(ErrorCode::PermissionDenied, "Plivo does not confirm this message")
                : error_response(ErrorCode::Unavailable, "Temporarily unable to confirm the message");
        }
    }
    struct Outcome {
        StoredIncoming stored;
        std::optional<ConversationSummary> conversation;
        bool reply_queued = false;
    };
    auto stored = co_await m.database.write<Outcome>([&](SqlConnection& connection) -> Result<Outcome> {
        auto incoming = store_incoming_message(connection, *message, signature, now);
        if (!incoming)
            return std::unexpected(std::move(incoming.error()));
        if (incoming->duplicate)
            return Outcome { std::move(*incoming), std::nullopt };
        auto opt_out = take_in_opt_out_keywords(connection, m.config,
            { incoming->message.id, message->from, message->to, message->text, message->intent }, now);
        if (!opt_out)
            return std::unexpected(std::move(opt_out.error()));
        if (opt_out->flag)
            incoming->message.flag = opt_out->flag;
        auto conversation = find_conversation(connection, incoming->conversation_id, "");
        if (!conversation)
            return std::unexpected(std::move(conversation.error()));
        return Outcome { std::move(*incoming), std::move(*conversation), opt_out->reply_queued };
    });
    if (!stored) {
        auto const& error = stored.error();
        if (error.code == ErrorCode::PermissionDenied)
            co_return replay_refused(request);
        if (error.code == ErrorCode::AlreadyExists)
            co_return received();
        // Plivo retries a non-2xx answer (60, 120, 240 s later): nothing is lost.
        spdlog::error("cannot store incoming message {}: {} ({})", message->plivo_uuid, error.message, error.detail);
        co_return error_response(ErrorCode::Unavailable, "Temporarily unable to store the message");
    }
    if (stored->stored.duplicate) {
        spdlog::info("incoming message {} delivered again: already stored", message->plivo_uuid);
        co_return received();
    }
    publish_incoming(*m.feed, stored->stored, stored->conversation);
    if (stored->reply_queued && m.outbox_changed)
        m.outbox_changed();
    if (!message->media_urls.empty() && m.media_arrived)
        m.media_arrived();
    co_return received();
}

}

void add_inbound_routes(Router& router, InboundDependencies dependencies)
{
    auto shared = std::make_shared<InboundDependencies>(std::move(dependencies));
    router.add(http::verb::post, "/api/plivo/inbound", [shared](Request& request) { return handle_inbound(*shared, request); });
    router.add(http::verb::get, "/api/plivo/inbound", [shared](Request& request) { return handle_inbound(*shared, request); });
}

}
