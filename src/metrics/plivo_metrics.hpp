#pragma once
// Records every call to Plivo: mmsgate_plivo_requests_total{operation,outcome} and
// mmsgate_plivo_request_duration_seconds{operation}. The caller names both, from small fixed sets:
// operation "send", "find_sent", "get"; outcome "accepted", "rejected", "retry_safely", "ambiguous"
// (the PlivoCallOutcome values), so that a wrapper around the Plivo gateway can record each call.
#include "metrics/registry.hpp"

namespace mmsgate {

class PlivoMetrics {
public:
    explicit PlivoMetrics(std::shared_ptr<MetricsRegistry> registry);

    void record(std::string_view operation, std::string_view outcome, double seconds);

private:
    std::shared_ptr<MetricsRegistry> m_registry;
    CounterFamily& m_requests;
    HistogramFamily& m_durations;
};

}
