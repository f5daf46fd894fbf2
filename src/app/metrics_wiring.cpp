#include "app/metrics_wiring.hpp"

#include "messaging/dispatch/outbox.hpp"
#include "messaging/history/history_queries.hpp"

#include <array>

namespace mmsgate {

namespace {

Awaitable<void> refresh_database_gauges(Database& database, GaugeFamily& queue, GaugeFamily& messages)
{
    struct Counts {
        std::int64_t pending = 0;
        std::vector<std::pair<std::string, std::int64_t>> by_state;
    };
    auto counts = co_await database.read<Counts>([](SqlConnection& connection) -> Result<Counts> {
        auto pending = count_pending_requests(connection);
        if (!pending)
            return std::unexpected(std::move(pending.error()));
        auto by_state = count_messages_by_state(connection);
        if (!by_state)
            return std::unexpected(std::move(by_state.error()));
        return Counts { *pending, std::move(*by_state) };
    });
    if (!counts)
        co_return;
    queue.with({}).set(double(counts->pending));
    static constexpr std::array kStates { "accepted", "queued", "sent", "delivered", "undelivered", "failed", "unknown" };
    for (auto const* state : kStates) {
        double value = 0;
        for (auto const& [name, count] : counts->by_state) {
            if (name == state)
                value = double(count);
        }
        messages.with({ state }).set(value);
    }
}

}

void register_application_metrics(MetricsRegistry& registry, std::weak_ptr<Server> server,
    std::shared_ptr<Dispatcher> dispatcher, Database& database)
{
    // The server owns the router, which owns the metrics route: a strong pointer here would be a cycle.
    registry.add_gauge_callback("mmsgate_http_open_connections", "Open HTTP connections.", [server] {
        auto alive = server.lock();
        return alive ? double(alive->open_connections()) : 0.0;
    });
    registry.add_gauge_callback("mmsgate_plivo_requests_in_flight", "Plivo API requests in flight.",
        [dispatcher] { return double(dispatcher->in_flight()); });
    registry.add_gauge_callback("mmsgate_plivo_requests_waiting", "Plivo API requests waiting for a slot within Plivo's limits.",
        [dispatcher] { return double(dispatcher->waiting_for_plivo()); });
    registry.add_gauge_callback("mmsgate_dispatcher_jobs_running", "Send requests being dispatched now.",
        [dispatcher] { return double(dispatcher->jobs_running()); });
    auto& queue = registry.gauge("mmsgate_dispatcher_queue_depth", "Send requests waiting for Plivo (pending dispatch).");
    auto& messages = registry.gauge("mmsgate_messages", "Stored messages by state.", { "state" });
    // A named coroutine taking references to objects that outlive the registry: a capturing
    // coroutine lambda would leave its frame pointing at a closure that may be gone.
    registry.add_scrape_hook([&database, &queue, &messages] { return refresh_database_gauges(database, queue, messages); });
}

}