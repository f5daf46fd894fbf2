#pragma once
// Delivers webhook events from the database queue (webhook_store.hpp) to their endpoints, one
// coroutine loop per instance on the server's io_context. Deliveries are claimed with a lease, so
// instances sharing a PostgreSQL database never send the same delivery at once; an endpoint gets
// its events one at a time in event order (a later one waits while an earlier one is pending retry);
// failures are retried with exponential backoff and jitter for the retry window, and an endpoint
// failing for `disable_after` is disabled with a reason. Nothing is held only in memory: a restart
// resumes from the rows.
#include "config/config.hpp"
#include "core/asio.hpp"
#include "core/clock.hpp"
#include "plivo/http_client.hpp"
#include "store/database.hpp"

#include <atomic>
#include <memory>
#include <string>

namespace mmsgate {

struct ClaimedDelivery;

// A receiver's answer body is kept up to this size in the delivery log; a larger one fails the
// attempt (a receiver answers webhooks with a short body).
inline constexpr std::size_t kMaxWebhookResponseBytes = 64 * 1024;
inline constexpr std::size_t kWebhookResponseExcerptBytes = 512;

class WebhookWorker : public std::enable_shared_from_this<WebhookWorker> {
public:
    // `instance_id` names this process in leases (the dispatcher's name). `ca_bundle`: extra CA file
    // trusted for https receivers (tests); empty: the system's.
    WebhookWorker(net::io_context& io, Database& database, WebhookSettings settings, std::string instance_id,
        std::string ca_bundle, std::string user_agent);
    ~WebhookWorker();
    // Voids the leases a previous run held (all on SQLite, this instance's on PostgreSQL) and starts the loop.
    void start(bool single_instance);
    // Stops claiming; deliveries in flight finish or fail (their lease then expires) .
    void stop();
    // Look for due deliveries now (after a replay or an enable).
    void wake();

    [[nodiscard]] Millis lease_duration() const;

private:
    Awaitable<void> poll_loop();
    Awaitable<void> deliver(ClaimedDelivery delivery);
    Awaitable<void> prune_history_when_due(Millis now);

    net::io_context& m_io;
    Database& m_database;
    WebhookSettings m_settings;
    std::string m_lease_owner;
    std::string m_user_agent;
    HttpClient m_client;
    std::shared_ptr<net::steady_timer> m_wake_timer;
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_in_flight { 0 };
    Millis m_last_prune = 0; // only poll_loop touches it
};

}
