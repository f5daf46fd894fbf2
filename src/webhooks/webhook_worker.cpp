#include "webhooks/webhook_worker.hpp"

#include "core/random.hpp"
#include "webhooks/webhook_address.hpp"
#include "webhooks/webhook_backoff.hpp"
#include "webhooks/webhook_signature.hpp"
#include "webhooks/webhook_store.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

constexpr int kMaxInFlight = 32;

HttpClientSettings client_settings(WebhookSettings const& settings, std::string ca_bundle)
{
    HttpClientSettings client;
    client.max_host_connections = 4;
    client.connect_timeout = settings.connect_timeout;
    client.total_timeout = settings.request_timeout;
    client.ca_bundle = std::move(ca_bundle);
    client.max_response_bytes = kMaxWebhookResponseBytes;
    return client;
}

// What the delivery log shows of an answer: its start, printable ASCII only (it is shown in the UI
// and serialised to JSON, so nothing of the receiver's bytes reaches either raw).
std::string response_excerpt(std::string_view body)
{
    std::string excerpt;
    for (char c : body.substr(0, kWebhookResponseExcerptBytes))
        excerpt += (c >= 0x20 && c < 0x7f) || c == '\n' ? c : '?';
    return excerpt;
}

}

WebhookWorker::WebhookWorker(net::io_context& io, Database& database, WebhookSettings settings, std::string instance_id,
    std::string ca_bundle, std::string user_agent)
    : m_io(io)
    , m_database(database)
    , m_settings(settings)
    , m_lease_owner(instance_id.empty() ? random_hex(8) : std::move(instance_id))
    , m_user_agent(std::move(user_agent))
    , m_client(client_settings(settings, std::move(ca_bundle)))
    , m_wake_timer(std::make_shared<net::steady_timer>(io))
{
}

WebhookWorker::~WebhookWorker()
{
    m_client.stop();
}

Millis WebhookWorker::lease_duration() const
{
    // Resolving, connecting and the answer all fit; a dead instance's deliveries wait this long.
    return (m_settings.connect_timeout + m_settings.request_timeout).count() * 2 + 30'000;
}

void WebhookWorker::start(bool single_instance)
{
    auto released = m_database.write_blocking<int>([this, single_instance](SqlConnection& connection) {
        return release_webhook_leases(connection, single_instance ? std::nullopt : std::optional<std::string>(m_lease_owner));
    });
    if (!released)
        spdlog::warn("webhooks: cannot release the previous run's leases: {} ({})", released.error().message, released.error().detail);
    else if (*released > 0)
        spdlog::info("webhooks: resuming {} delivery(ies) left in flight by the previous run", *released);
    net::co_spawn(m_io, [self = shared_from_this()] { return self->poll_loop(); }, net::detached);
}

void WebhookWorker::stop()
{
    m_stopping = true;
    net::post(m_io, [timer = m_wake_timer] { timer->cancel(); });
    m_client.stop();
}

void WebhookWorker::wake()
{
    net::post(m_io, [timer = m_wake_timer] { timer->cancel(); });
}

// The delivery log of finished deliveries is kept this long (the time range a replay can reach):
// without an end, every state change of every message would stay in the database for good.
constexpr Millis kKeepFinishedDeliveriesFor = 30LL * 24 * 3600 * 1000;
constexpr Millis kPruneEvery = 3600LL * 1000;

Awaitable<void> WebhookWorker::prune_history_when_due(Millis now)
{
    if (now - m_last_prune < kPruneEvery)
        co_return;
    m_last_prune = now;
    auto pruned = co_await m_database.write<int>(
        [before = now - kKeepFinishedDeliveriesFor](SqlConnection& connection) { return prune_webhook_history(connection, before); });
    if (!pruned)
        spdlog::warn("webhooks: cannot prune the delivery log: {} ({})", pruned.error().message, pruned.error().detail);
    else if (*pruned > 0)
        spdlog::info("webhooks: pruned {} finished delivery(ies) older than 30 days", *pruned);
}

Awaitable<void> WebhookWorker::poll_loop()
{
    while (!m_stopping) {
        auto capacity = kMaxInFlight - m_in_flight.load();
        if (capacity > 0) {
            auto now = now_millis();
            auto lease_until = now + lease_duration();
            auto claimed = co_await m_database.write<std::vector<ClaimedDelivery>>([&](SqlConnection& connection) {
                return claim_due_deliveries(connection, m_lease_owner, now, lease_until, capacity);
            });
            if (!claimed) {
                spdlog::warn("webhooks: cannot claim deliveries: {} ({})", claimed.error().message, claimed.error().detail);
            } else {
                for (auto& delivery : *claimed) {
                    ++m_in_flight;
                    net::co_spawn(net::make_strand(m_io),
                        [self = shared_from_this(), delivery = std::move(delivery)]() mutable { return self->deliver(std::move(delivery)); },
                        net::detached);
                }
            }
        }
        if (m_stopping)
            break;
        co_await prune_history_when_due(now_millis());
        m_wake_timer->expires_after(m_settings.poll_interval);
        boost::system::error_code ignored;
        co_await m_wake_timer->async_wait(net::redirect_error(net::use_awaitable, ignored));
    }
}

Awaitable<void> WebhookWorker::deliver(ClaimedDelivery delivery)
{
    auto const& endpoint = delivery.endpoint;
    DeliveryAttempt attempt;
    attempt.delivery_id = delivery.id;
    attempt.endpoint_id = endpoint.id;
    attempt.lease_owner = m_lease_owner;
    attempt.attempted_at = now_millis();
    auto started = std::chrono::steady_clock::now();

    // Checked again at every attempt: the rules or the DNS answer may have changed since it was saved.
    auto url = validate_webhook_url(endpoint.url, endpoint.allow_private_address);
    Result<std::string> address = std::unexpected(Error {});
    if (url)
        address = co_await resolve_webhook_address(*url, endpoint.allow_private_address);
    else
        address = std::unexpected(url.error());
    if (!address) {
        attempt.error = address.error().message;
    } else {
        auto timestamp = attempt.attempted_at / 1000;
        HttpHeaders headers {
            { "content-type", "application/json" },
            { "user-agent", m_user_agent },
            { "webhook-id", delivery.event_id },
            { "webhook-timestamp", std::to_string(timestamp) },
            { "webhook-signature",
                webhook_signature_header(endpoint.signing_secrets(attempt.attempted_at), delivery.event_id, timestamp, delivery.body) },
        };
        // The URL as it was parsed and checked: libcurl never sees text another parser could read differently.
        HttpRequest request("POST", url->request_url(), std::move(headers), delivery.body, m_settings.request_timeout);
        request.connect_to_address = *address;
        auto outcome = co_await m_client.request(std::move(request));
        if (outcome) {
            attempt.status = outcome->status;
            attempt.response_excerpt = response_excerpt(outcome->body);
            if (outcome->status < 200 || outcome->status > 299)
                attempt.error = fmt::format("the receiver answered {}", outcome->status);
        } else {
            attempt.error = outcome.error().message;
        }
    }
    attempt.latency_ms = int(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());

    auto now = now_millis();
    auto verdict = DeliveryVerdict::Delivered;
    Millis next_attempt_at = now;
    std::optional<std::string> disable_reason;
    if (attempt.error) {
        auto window = std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.retry_window).count();
        next_attempt_at = now + webhook_retry_delay(delivery.attempts, m_settings.retry_first_delay, m_settings.retry_longest_delay, draw_webhook_jitter());
        verdict = next_attempt_at - delivery.retry_from > window ? DeliveryVerdict::Failed : DeliveryVerdict::RetryLater;
        auto disable_after = std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.disable_after).count();
        auto failing_since = endpoint.failing_since.value_or(attempt.attempted_at);
        if (now - failing_since >= disable_after)
            disable_reason = fmt::format("Disabled automatically at {}: every delivery attempt failed since {} (last: {})",
                format_iso8601(now), format_iso8601(failing_since), *attempt.error);
    }
    auto recorded = co_await m_database.write<bool>([&](SqlConnection& connection) {
        return record_delivery_attempt(connection, attempt, verdict, next_attempt_at, disable_reason);
    });
    if (!recorded)
        spdlog::warn("webhooks: cannot record delivery {} (its lease expires and it is tried again): {} ({})", delivery.id,
            recorded.error().message, recorded.error().detail);
    else if (!*recorded)
        spdlog::warn("webhooks: delivery {} was taken over before its attempt was recorded", delivery.id);
    if (disable_reason)
        spdlog::warn("webhooks: endpoint {} disabled: {}", endpoint.id, *disable_reason);
    else if (attempt.error)
        spdlog::info("webhooks: delivery {} to endpoint {} failed (attempt {}): {}", delivery.id, endpoint.id, delivery.attempts, *attempt.error);
    --m_in_flight;
    // The endpoint's next event may be waiting for this one.
    wake();
}

}
