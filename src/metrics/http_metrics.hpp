#pragma once
// Records every HTTP request the server answers: mmsgate_http_requests_total{method,route,status}
// and mmsgate_http_request_duration_seconds{route}. Wire it as the server's request observer:
//   server->set_request_observer([metrics](RequestRecord const& record) { metrics->record(record); });
// The route is the matched pattern ("/api/messages/{id}"), so label sets stay few; methods outside
// the standard ones count as "other".
#include "http/server.hpp"
#include "metrics/registry.hpp"

namespace mmsgate {

class HttpMetrics {
public:
    explicit HttpMetrics(std::shared_ptr<MetricsRegistry> registry);

    void record(RequestRecord const& record);

private:
    std::shared_ptr<MetricsRegistry> m_registry;
    CounterFamily& m_requests;
    HistogramFamily& m_durations;
};

// The label value for a method: the standard methods as they are, anything else "other".
[[nodiscard]] std::string_view method_label(std::string_view method);
// The label value for a route: the pattern, or "(unmatched)" when no route matched (404, 405).
[[nodiscard]] std::string_view route_label(std::string_view route);

}
