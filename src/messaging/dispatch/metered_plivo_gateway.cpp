#include "messaging/dispatch/metered_plivo_gateway.hpp"

#include <chrono>

namespace mmsgate {

namespace {

char const* outcome_label(PlivoCallOutcome outcome)
{
    switch (outcome) {
    case PlivoCallOutcome::Accepted: return "accepted";
    case PlivoCallOutcome::Rejected: return "rejected";
    case PlivoCallOutcome::RetrySafely: return "retry_safely";
    case PlivoCallOutcome::Ambiguous: return "ambiguous";
    }
    return "ambiguous";
}

// Times one call to the inner gateway and records it with its outcome (the call starts when awaited).
template <typename CallResult>
Awaitable<CallResult> metered(PlivoMetrics& metrics, char const* operation, Awaitable<CallResult> call)
{
    auto started = std::chrono::steady_clock::now();
    auto result = co_await std::move(call);
    metrics.record(operation, outcome_label(result.outcome),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    co_return result;
}

}

Awaitable<PlivoSendResult> MeteredPlivoGateway::send(PlivoSendCommand command)
{
    return metered(*m_metrics, "send", m_inner.send(std::move(command)));
}

Awaitable<PlivoUploadResult> MeteredPlivoGateway::upload_media(std::string file_name, std::string content_type, std::string data)
{
    return metered(*m_metrics, "upload_media",
        m_inner.upload_media(std::move(file_name), std::move(content_type), std::move(data)));
}

Awaitable<PlivoLookupResult> MeteredPlivoGateway::find_sent(std::string to_digits, Millis since)
{
    return metered(*m_metrics, "find_sent", m_inner.find_sent(std::move(to_digits), since));
}

Awaitable<PlivoLookupResult> MeteredPlivoGateway::get(std::string uuid)
{
    return metered(*m_metrics, "get", m_inner.get(std::move(uuid)));
}

}
