#include "plivo/simulator/callback_sender.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

CallbackSender::CallbackSender(PlivoSimulator& simulator, HttpClient& http, CallbackSenderSettings settings)
    : m_simulator(simulator)
    , m_http(http)
    , m_settings(std::move(settings))
{
}

Awaitable<void> CallbackSender::run()
{
    auto executor = co_await net::this_coro::executor;
    net::steady_timer timer(executor);
    while (!m_stopped || m_in_flight > 0) {
        if (!m_stopped) {
            for (auto& callback : m_simulator.take_due_callbacks(m_simulator.settings().clock())) {
                ++m_in_flight;
                net::co_spawn(executor, send_one(std::move(callback)), net::detached);
            }
        }
        timer.expires_after(m_settings.poll_interval);
        boost::system::error_code ignored;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ignored));
    }
}

Awaitable<void> CallbackSender::send_one(OutgoingCallback callback)
{
    auto request = callback.request;
    request.timeout = m_settings.timeout;
    auto outcome = co_await m_http.request(std::move(request));
    bool delivered = outcome && outcome->status >= 200 && outcome->status < 300;
    if (delivered) {
        ++m_delivered;
    } else {
        ++m_failed_attempts;
        auto reason = outcome ? fmt::format("HTTP {}", outcome->status) : outcome.error().message;
        if (std::size_t(callback.attempt) < m_settings.retry_delays.size() && !m_stopped) {
            auto delay = m_settings.retry_delays[std::size_t(callback.attempt)];
            spdlog::info("plivo-sim: callback {} {} to {} failed ({}); retrying in {} ms", callback.message_uuid,
                callback.status, callback.request.url, reason, delay.count());
            callback.due = m_simulator.settings().clock() + delay.count();
            ++callback.attempt;
            m_simulator.requeue_callback(std::move(callback));
        } else {
            ++m_abandoned;
            spdlog::warn("plivo-sim: callback {} {} to {} failed ({}); giving up", callback.message_uuid,
                callback.status, callback.request.url, reason);
        }
    }
    --m_in_flight;
}

}
