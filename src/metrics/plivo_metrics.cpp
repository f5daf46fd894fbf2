#include "metrics/plivo_metrics.hpp"

namespace mmsgate {

PlivoMetrics::PlivoMetrics(std::shared_ptr<MetricsRegistry> registry)
    : m_registry(std::move(registry))
    , m_requests(m_registry->counter("mmsgate_plivo_requests_total", "Calls to the Plivo API, by operation and outcome.",
          { "operation", "outcome" }))
    , m_durations(m_registry->histogram("mmsgate_plivo_request_duration_seconds",
          "Time a call to the Plivo API took, from sending the request to the whole answer, by operation.", { "operation" }))
{
}

void PlivoMetrics::record(std::string_view operation, std::string_view outcome, double seconds)
{
    m_requests.with({ operation, outcome }).increment();
    m_durations.with({ operation }).observe(seconds);
}

}
