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

double seconds_since(std::chrono::steady_clock::time_point started)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}

Awaitable<PlivoSendResult> MeteredPlivoGateway::send(PlivoSendCommand command)
{
    auto started = std::chrono::steady_clock::now();
    auto result = co_await m_inner.send(std::move(command));
    m_metrics->record("send", outcome_label(result.outcome), seconds_since(started));
    co_return result;
}

Awaitable<PlivoUploadResult> MeteredPlivoGateway::upload_media(std::string file_name, std::string content_type, std::string data)
{
    auto started = std::chrono::steady_clock::now();
    auto result = co_await m_inner.upload_media(std::move(file_name), std::move(content_type), std::move(data));
    m_metrics->record("upload_media", outcome_label(result.outcome), seconds_since(started));
    co_return result;
}

Awaitable<PlivoLookupResult> MeteredPlivoGateway::find_sent(std::string to_digits, Millis since)
{
    auto started = std::chrono::steady_clock::now();
    auto result = co_await m_inner.find_sent(std::move(to_digits), since);
    m_metrics->record("find_sent", outcome_label(result.outcome), seconds_since(started));
    co_return result;
}

Awaitable<PlivoLookupResult> MeteredPlivoGateway::get(std::string uuid)
{
    auto started = std::chrono::steady_clock::now();
    auto result = co_await m_inner.get(std::move(uuid));
    m_metrics->record("get", outcome_label(result.outcome), seconds_since(started));
    co_return result;
}

}
