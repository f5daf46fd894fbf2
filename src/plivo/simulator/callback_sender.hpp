#pragma once
// Delivers the simulator's status callbacks over HTTP, the way Plivo does: each due callback is sent
// on its own (so a slow receiver delays nobody else), with an 8 s timeout; a non-2xx answer or no
// answer is retried after 60 s, 120 s and 240 s (docs/plivo-api.md 5.2), then given up.
//
//   CallbackSender sender(simulator, http);
//   net::co_spawn(io, sender.run(), net::detached);   ...   sender.stop();
#include "core/asio.hpp"
#include "plivo/http_client.hpp"
#include "plivo/simulator/simulator.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace mmsgate {

struct CallbackSenderSettings {
    std::chrono::milliseconds poll_interval { 20 };
    std::chrono::milliseconds timeout { 8000 };
    std::vector<std::chrono::milliseconds> retry_delays { std::chrono::seconds(60), std::chrono::seconds(120),
        std::chrono::seconds(240) };
};

class CallbackSender {
public:
    // Both references must outlive run().
    CallbackSender(PlivoSimulator& simulator, HttpClient& http, CallbackSenderSettings settings = {});

    // Sends due callbacks until stop(); returns after stop() once the sends in flight have finished.
    [[nodiscard]] Awaitable<void> run();
    // Safe from any thread; run() notices within one poll interval.
    void stop() { m_stopped = true; }

    [[nodiscard]] std::uint64_t delivered_count() const { return m_delivered; }
    [[nodiscard]] std::uint64_t failed_attempt_count() const { return m_failed_attempts; }
    [[nodiscard]] std::uint64_t abandoned_count() const { return m_abandoned; }

private:
    Awaitable<void> send_one(OutgoingCallback callback);

    PlivoSimulator& m_simulator;
    HttpClient& m_http;
    CallbackSenderSettings m_settings;
    std::atomic<bool> m_stopped { false };
    std::atomic<int> m_in_flight { 0 };
    std::atomic<std::uint64_t> m_delivered { 0 };
    std::atomic<std::uint64_t> m_failed_attempts { 0 };
    std::atomic<std::uint64_t> m_abandoned { 0 };
};

}
