#include "webhooks/webhook_routes.hpp"

#include "core/ids.hpp"
#include "http/json_values.hpp"
#include "http/response.hpp"
#include "webhooks/webhook_address.hpp"
#include "webhooks/events/webhook_events.hpp"
#include "webhooks/webhook_signature.hpp"
#include "webhooks/webhook_store.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr std::size_t kMaxDescriptionLength = 500;

nlohmann::json endpoint_json(WebhookEndpoint const& endpoint, Millis now)
{
    auto rotation_ends = endpoint.previous_secret_expires_at && *endpoint.previous_secret_expires_at > now
        ? endpoint.previous_secret_expires_at
        : std::nullopt;
    return { { "id", endpoint.id }, { "url", endpoint.url }, { "description", endpoint.description },
        { "events", endpoint.events }, { "enabled", endpoint.enabled }, { "disabledReason", json_or_null(endpoint.disabled_reason) },
        { "allowPrivateAddress", endpoint.allow_private_address }, { "consecutiveFailures", endpoint.consecutive_failures },
        { "failingSince", iso8601_or_null(endpoint.failing_since) }, { "previousSecretValidUntil", iso8601_or_null(rotation_ends) },
        { "createdAt", format_iso8601(endpoint.created_at) }, { "updatedAt", format_iso8601(endpoint.updated_at) } };
}

nlohmann::json delivery_json(DeliveryRecord const& delivery)
{
    return { { "id", delivery.id }, { "endpointId", delivery.endpoint_id }, { "eventId", delivery.event_id },
        { "eventType", delivery.event_type }, { "state", delivery.state }, { "attempts", delivery.attempts },
        { "nextAttemptAt", delivery.state == "pending" ? nlohmann::json(format_iso8601(delivery.next_attempt_at)) : nlohmann::json(nullptr) },
        { "lastStatus", json_or_null(delivery.last_status) }, { "lastLatencyMs", json_or_null(delivery.last_latency_ms) },
        { "lastResponseExcerpt", json_or_null(delivery.last_response_excerpt) }, { "lastError", json_or_null(delivery.last_error) },
        { "deliveredAt", iso8601_or_null(delivery.delivered_at) }, { "occurredAt", format_iso8601(delivery.occurred_at) },
        { "createdAt", format_iso8601(delivery.created_at) } };
}

nlohmann::json attempt_json(AttemptRecord const& attempt)
{
    return { { "attemptedAt", format_iso8601(attempt.attempted_at) }, { "status", json_or_null(attempt.status) },
        { "latencyMs", json_or_null(attempt.latency_ms) }, { "responseExcerpt", json_or_null(attempt.response_excerpt) },
        { "error", json_or_null(attempt.error) } };
}

// Applies the fields present in `body` to `endpoint` (all of url and events are required when creating).
Result<void> apply_fields(nlohmann::json const& body, WebhookEndpoint& endpoint, bool creating)
{
    if (!body.is_object())
        return fail(ErrorCode::InvalidArgument, "The body must be a JSON object");
    if (auto it = body.find("allowPrivateAddress"); it != body.end()) {
        if (!it->is_boolean())
            return fail_field("allowPrivateAddress", "allowPrivateAddress must be true or false");
        endpoint.allow_private_address = it->get<bool>();
    }
    if (auto it = body.find("enabled"); it != body.end()) {
        if (!it->is_boolean())
            return fail_field("enabled", "enabled must be true or false");
        endpoint.enabled = it->get<bool>();
    }
    if (auto it = body.find("description"); it != body.end()) {
        if (!it->is_string() || it->get_ref<std::string const&>().size() > kMaxDescriptionLength)
            return fail_field("description", "description must be text of at most 500 characters");
        endpoint.description = it->get<std::string>();
    }
    if (auto it = body.find("events"); it != body.end() || creating) {
        if (it == body.end() || !it->is_array() || it->empty())
            return fail_field("events", "events must list at least one event type");
        std::vector<std::string> events;
        for (auto const& item : *it) {
            if (!item.is_string() || !is_webhook_event_type(item.get_ref<std::string const&>()))
                return fail_field("events", "events may contain message.state_changed, message.received, contact.opted_out, contact.opted_in");
            if (std::ranges::find(events, item.get<std::string>()) == events.end())
                events.push_back(item.get<std::string>());
        }
        endpoint.events = std::move(events);
    }
    if (auto it = body.find("url"); it != body.end() || creating) {
        if (it == body.end() || !it->is_string())
            return fail_field("url", "url is required");
        endpoint.url = it->get<std::string>();
    }
    // Checked whatever changed: allowing a private address may be withdrawn from a private URL.
    if (auto valid = validate_webhook_url(endpoint.url, endpoint.allow_private_address); !valid)
        return std::unexpected(valid.error());
    return {};
}

// An answer that holds a webhook secret, which is shown only in it: no cache (browser, proxy) may
// keep a copy.
Response secret_response(http::status status, nlohmann::json const& body)
{
    auto response = json_response(status, body);
    set_no_store(response);
    return response;
}

class WebhookHandlers : public RouteHandlers<WebhookRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> list(Request&, AuthenticatedUser const&)
    {
        auto endpoints = co_await m.database.read<std::vector<WebhookEndpoint>>([](SqlConnection& connection) { return list_webhook_endpoints(connection); });
        if (!endpoints)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        auto now = now_millis();
        auto items = json_array_of(*endpoints, [&](auto const& endpoint) { return endpoint_json(endpoint, now); });
        co_return json_response(http::status::ok, { { "endpoints", items }, { "eventTypes", kWebhookEventTypes } });
    }

    Awaitable<Response> create(Request& request, AuthenticatedUser const& admin)
    {
        auto body = json_body(request);
        if (!body)
            co_return error_response(body.error());
        auto now = now_millis();
        WebhookEndpoint endpoint;
        endpoint.id = new_cuid();
        endpoint.secret = new_webhook_secret();
        endpoint.created_by = admin.id;
        endpoint.created_at = now;
        endpoint.updated_at = now;
        if (auto applied = apply_fields(*body, endpoint, true); !applied)
            co_return error_response(applied.error());
        auto stored = co_await m.database.write<void>([&](SqlConnection& connection) { return insert_webhook_endpoint(connection, endpoint); });
        if (!stored)
            co_return error_response(stored.error());
        co_return secret_response(http::status::created, { { "endpoint", endpoint_json(endpoint, now) }, { "secret", endpoint.secret } });
    }

    Awaitable<Response> get(Request& request, AuthenticatedUser const&)
    {
        auto endpoint = co_await find(request);
        if (!endpoint)
            co_return std::move(endpoint.error());
        co_return json_response(http::status::ok, { { "endpoint", endpoint_json(*endpoint, now_millis()) } });
    }

    Awaitable<Response> update(Request& request, AuthenticatedUser const& admin)
    {
        auto body = json_body(request);
        if (!body)
            co_return error_response(body.error());
        auto endpoint = co_await find(request);
        if (!endpoint)
            co_return std::move(endpoint.error());
        bool was_enabled = endpoint->enabled;
        if (auto applied = apply_fields(*body, *endpoint, false); !applied)
            co_return error_response(applied.error());
        bool enabling = endpoint->enabled && !was_enabled;
        if (!endpoint->enabled && was_enabled)
            endpoint->disabled_reason = "Disabled by " + admin.email.value_or(admin.id);
        auto now = now_millis();
        auto saved = co_await m.database.write<void>([&](SqlConnection& connection) {
            return update_webhook_endpoint(connection, *endpoint, enabling, now);
        });
        if (!saved)
            co_return error_response(saved.error());
        if (enabling) {
            endpoint->disabled_reason.reset();
            endpoint->consecutive_failures = 0;
            endpoint->failing_since.reset();
            m.worker->wake();
        }
        endpoint->updated_at = now;
        co_return json_response(http::status::ok, { { "endpoint", endpoint_json(*endpoint, now) } });
    }

    Awaitable<Response> remove(Request& request, AuthenticatedUser const&)
    {
        auto id = std::string(request.path_parameter("id"));
        auto deleted = co_await m.database.write<bool>([&](SqlConnection& connection) { return delete_webhook_endpoint(connection, id); });
        if (!deleted)
            co_return error_response(deleted.error());
        if (!*deleted)
            co_return error_response(ErrorCode::NotFound, "No such webhook endpoint");
        Response response { http::status::no_content, 11 };
        response.prepare_payload();
        co_return response;
    }

    Awaitable<Response> rotate_secret(Request& request, AuthenticatedUser const&)
    {
        auto id = std::string(request.path_parameter("id"));
        auto secret = new_webhook_secret();
        auto now = now_millis();
        auto valid_until = now + kPreviousSecretValidity;
        auto rotated = co_await m.database.write<void>([&](SqlConnection& connection) {
            return rotate_webhook_secret(connection, id, secret, valid_until, now);
        });
        if (!rotated)
            co_return error_response(rotated.error());
        co_return secret_response(http::status::ok, { { "secret", secret }, { "previousSecretValidUntil", format_iso8601(valid_until) } });
    }

    Awaitable<Response> deliveries(Request& request, AuthenticatedUser const&)
    {
        auto endpoint = co_await find(request);
        if (!endpoint)
            co_return std::move(endpoint.error());
        int limit = 50;
        if (auto text = request.query_value("limit"); text && !text->empty()) {
            auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
            if (error != std::errc {} || end != text->data() + text->size() || limit < 1 || limit > 500)
                co_return error_response(ErrorCode::InvalidArgument, "limit must be a whole number from 1 to 500", "limit");
        }
        auto before = request.query_value("before");
        if (before && before->empty())
            before.reset();
        auto rows = co_await m.database.read<std::vector<DeliveryRecord>>([&](SqlConnection& connection) {
            return list_deliveries(connection, endpoint->id, before, limit + 1);
        });
        if (!rows)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        nlohmann::json next = nullptr;
        if (int(rows->size()) > limit) {
            rows->resize(std::size_t(limit));
            next = rows->back().id;
        }
        auto items = json_array_of(*rows, delivery_json);
        co_return json_response(http::status::ok, { { "deliveries", items }, { "nextCursor", next } });
    }

    Awaitable<Response> delivery(Request& request, AuthenticatedUser const&)
    {
        auto id = std::string(request.path_parameter("id"));
        using Found = std::pair<std::optional<DeliveryRecord>, std::vector<AttemptRecord>>;
        auto found = co_await m.database.read<Found>([&](SqlConnection& connection) -> Result<Found> {
            auto delivery = find_delivery(connection, id);
            if (!delivery)
                return std::unexpected(delivery.error());
            auto attempts = attempts_of_delivery(connection, id);
            if (!attempts)
                return std::unexpected(attempts.error());
            return Found { std::move(*delivery), std::move(*attempts) };
        });
        if (!found)
            co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
        if (!found->first)
            co_return error_response(ErrorCode::NotFound, "No such delivery");
        auto body = delivery_json(*found->first);
        body["attemptLog"] = nlohmann::json::array();
        for (auto const& attempt : found->second)
            body["attemptLog"].push_back(attempt_json(attempt));
        co_return json_response(http::status::ok, { { "delivery", body } });
    }

    Awaitable<Response> replay_one(Request& request, AuthenticatedUser const&)
    {
        auto id = std::string(request.path_parameter("id"));
        auto now = now_millis();
        auto replayed = co_await m.database.write<bool>([&](SqlConnection& connection) { return replay_delivery(connection, id, now); });
        if (!replayed)
            co_return error_response(replayed.error());
        if (!*replayed)
            co_return error_response(ErrorCode::NotFound, "No such delivery");
        m.worker->wake();
        co_return json_response(http::status::accepted, { { "replayed", 1 } });
    }

    Awaitable<Response> replay_range_of(Request& request, AuthenticatedUser const&)
    {
        auto body = json_body(request);
        if (!body)
            co_return error_response(body.error());
        std::optional<Millis> from, to;
        if (body->is_object() && body->contains("from") && (*body)["from"].is_string())
            from = parse_iso8601((*body)["from"].get<std::string>());
        if (body->is_object() && body->contains("to") && (*body)["to"].is_string())
            to = parse_iso8601((*body)["to"].get<std::string>());
        if (!from || !to || *to < *from)
            co_return error_response(ErrorCode::InvalidArgument, "from and to must be ISO 8601 times, from not after to", "from");
        auto endpoint = co_await find(request);
        if (!endpoint)
            co_return std::move(endpoint.error());
        auto now = now_millis();
        auto count = co_await m.database.write<int>([&](SqlConnection& connection) { return replay_range(connection, *endpoint, *from, *to, now); });
        if (!count)
            co_return error_response(count.error());
        m.worker->wake();
        co_return json_response(http::status::accepted, { { "replayed", *count } });
    }

private:
    static Result<nlohmann::json> json_body(Request const& request)
    {
        if (!request.header(http::field::content_type).starts_with("application/json"))
            return fail(ErrorCode::InvalidArgument, "Content-Type must be application/json");
        auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
        if (body.is_discarded())
            return fail(ErrorCode::InvalidArgument, "The body is not valid JSON");
        return body;
    }

    Awaitable<std::expected<WebhookEndpoint, Response>> find(Request& request)
    {
        auto id = std::string(request.path_parameter("id"));
        auto endpoint = co_await m.database.read<std::optional<WebhookEndpoint>>([&](SqlConnection& connection) { return find_webhook_endpoint(connection, id); });
        if (!endpoint)
            co_return std::unexpected(error_response(ErrorCode::Unavailable, kDatabaseUnavailable));
        if (!*endpoint)
            co_return std::unexpected(error_response(ErrorCode::NotFound, "No such webhook endpoint"));
        co_return std::move(**endpoint);
    }
};

}

void add_webhook_routes(Router& router, WebhookRouteDependencies dependencies)
{
    SignedInGroup<WebhookHandlers> webhooks(std::move(dependencies));
    using Member = SignedInGroup<WebhookHandlers>::Method;
    auto route = [&](http::verb method, std::string pattern, Member member) {
        router.add(method, std::move(pattern), webhooks.route(method, Permission::Administer, member));
    };
    route(http::verb::get, "/api/webhooks", &WebhookHandlers::list);
    route(http::verb::post, "/api/webhooks", &WebhookHandlers::create);
    route(http::verb::get, "/api/webhooks/deliveries/{id}", &WebhookHandlers::delivery);
    route(http::verb::post, "/api/webhooks/deliveries/{id}/replay", &WebhookHandlers::replay_one);
    route(http::verb::get, "/api/webhooks/{id}", &WebhookHandlers::get);
    route(http::verb::patch, "/api/webhooks/{id}", &WebhookHandlers::update);
    route(http::verb::delete_, "/api/webhooks/{id}", &WebhookHandlers::remove);
    route(http::verb::post, "/api/webhooks/{id}/rotate-secret", &WebhookHandlers::rotate_secret);
    route(http::verb::get, "/api/webhooks/{id}/deliveries", &WebhookHandlers::deliveries);
    route(http::verb::post, "/api/webhooks/{id}/replay", &WebhookHandlers::replay_range_of);
}

}
