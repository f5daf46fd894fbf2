#include "metrics/http_metrics.hpp"

#include <array>
#include <charconv>

namespace mmsgate {

std::string_view method_label(std::string_view method)
{
    static constexpr std::array<std::string_view, 9> kMethods
        = { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE" };
    for (auto known : kMethods) {
        if (method == known)
            return known;
    }
    return "other";
}

std::string_view route_label(std::string_view route)
{
    return route.empty() ? std::string_view("(unmatched)") : route;
}

HttpMetrics::HttpMetrics(std::shared_ptr<MetricsRegistry> registry)
    : m_registry(std::move(registry))
    , m_requests(m_registry->counter("mmsgate_http_requests_total", "HTTP requests answered, by method, route pattern and status.",
          { "method", "route", "status" }))
    , m_durations(m_registry->histogram("mmsgate_http_request_duration_seconds",
          "Time from a request's first byte to its response being written, by route pattern.", { "route" }))
{
}

void HttpMetrics::record(RequestRecord const& record)
{
    // The status as text without allocating: it is at most three digits, anything larger is clamped.
    std::array<char, 8> status_text {};
    auto written = std::to_chars(status_text.data(), status_text.data() + status_text.size(), std::min(record.status, 999u));
    std::string_view status(status_text.data(), std::size_t(written.ptr - status_text.data()));
    auto route = route_label(record.route);
    m_requests.with({ method_label(record.method), route, status }).increment();
    m_durations.with({ route }).observe(record.seconds);
}

}
