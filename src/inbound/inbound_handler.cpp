#include "inbound/inbound_handler.hpp"

#include "conversations/conversation_repository.hpp"
#include "conversations/routes/conversation_json.hpp"
#include "http/response.hpp"
#include "inbound/inbound_repository.hpp"
#include "messaging/reports/status_callback_handler.hpp"

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

Awaitable<Response> handle_inbound(InboundDependencies const& m, Request& request)
{
    auto url = m.config.public_url + std::string(request.message.target());
    bool is_post = request.message.method() == http::verb::post;
    auto params = is_post ? parse_form(request.message.body()) : FormFields {};
    auto signature = plivo_signature_of(request, url, params, m.config.plivo.auth_token);
    if (!signature) {
        spdlog::warn("incoming message with a missing or wrong Plivo signature from {} refused", request.peer.to_string());
        co_return error_response(http::status::forbidden, "Invalid Plivo signature");
    }
    if (!is_post)
        params = parse_form(request.query());
    auto message = parse_incoming_message(params);
    if (!message)
        co_return error_response(message.error());

    auto nonce_key = std::string(signature->covers_body ? "v3:" : "v2:") + signature->nonce;
    auto now = now_millis();
    struct Outcome {
        StoredIncoming stored;
        std::optional<ConversationSummary> conversation;
    };
    auto stored = co_await m.database.write<Outcome>([&](SqlConnection& connection) -> Result<Outcome> {
        auto incoming = store_incoming_message(connection, *message, nonce_key, now);
        if (!incoming)
            return std::unexpected(std::move(incoming.error()));
        if (incoming->duplicate)
            return Outcome { std::move(*incoming), std::nullopt };
        auto conversation = find_conversation(connection, incoming->conversation_id, "");
        if (!conversation)
            return std::unexpected(std::move(conversation.error()));
        return Outcome { std::move(*incoming), std::move(*conversation) };
    });
    if (!stored) {
        auto const& error = stored.error();
        if (error.code == ErrorCode::PermissionDenied) {
            spdlog::warn("incoming message with a nonce seen before from {} refused (replay)", request.peer.to_string());
            co_return error_response(http::status::forbidden, "This Plivo signature was used before");
        }
        if (error.code == ErrorCode::AlreadyExists)
            co_return received();
        // Plivo retries a non-2xx answer (60, 120, 240 s later): nothing is lost.
        spdlog::error("cannot store incoming message {}: {} ({})", message->plivo_uuid, error.message, error.detail);
        co_return error_response(http::status::service_unavailable, "Temporarily unable to store the message");
    }
    if (stored->stored.duplicate) {
        spdlog::info("incoming message {} delivered again: already stored", message->plivo_uuid);
        co_return received();
    }
    publish_incoming(*m.feed, stored->stored, stored->conversation);
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
