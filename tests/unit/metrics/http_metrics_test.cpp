#include "metrics/http_metrics.hpp"
#include "metrics/plivo_metrics.hpp"

#include <gtest/gtest.h>

namespace mmsgate {
namespace {

bool contains(std::string const& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

TEST(HttpMetrics, CountsByMethodRouteAndStatusAndTimesByRoute)
{
    auto registry = std::make_shared<MetricsRegistry>();
    HttpMetrics metrics(registry);
    metrics.record({ "GET", "/api/messages/{id}", 200, 0.003 });
    metrics.record({ "GET", "/api/messages/{id}", 200, 0.0004 });
    metrics.record({ "GET", "/api/messages/{id}", 404, 0.0002 });
    metrics.record({ "POST", "/api/send-mms", 200, 1.5 });
    auto text = registry->expose();
    EXPECT_TRUE(contains(text, "# TYPE mmsgate_http_requests_total counter\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_requests_total{method=\"GET\",route=\"/api/messages/{id}\",status=\"200\"} 2\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_requests_total{method=\"GET\",route=\"/api/messages/{id}\",status=\"404\"} 1\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_requests_total{method=\"POST\",route=\"/api/send-mms\",status=\"200\"} 1\n"));
    EXPECT_TRUE(contains(text, "# TYPE mmsgate_http_request_duration_seconds histogram\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_request_duration_seconds_bucket{route=\"/api/messages/{id}\",le=\"0.00025\"} 1\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_request_duration_seconds_bucket{route=\"/api/messages/{id}\",le=\"0.0005\"} 2\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_request_duration_seconds_count{route=\"/api/messages/{id}\"} 3\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_request_duration_seconds_bucket{route=\"/api/send-mms\",le=\"1\"} 0\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_request_duration_seconds_bucket{route=\"/api/send-mms\",le=\"2.5\"} 1\n"));
}

// A client chooses the method and the path: neither may create label values without bound.
TEST(HttpMetrics, FoldsUnknownMethodsAndUnmatchedPaths)
{
    auto registry = std::make_shared<MetricsRegistry>();
    HttpMetrics metrics(registry);
    metrics.record({ "BREW", "", 404, 0.0001 });
    metrics.record({ "PROPFIND", "", 405, 0.0001 });
    metrics.record({ "GET", "(fallback)", 200, 0.0001 });
    auto text = registry->expose();
    EXPECT_TRUE(contains(text, "mmsgate_http_requests_total{method=\"other\",route=\"(unmatched)\",status=\"404\"} 1\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_requests_total{method=\"other\",route=\"(unmatched)\",status=\"405\"} 1\n"));
    EXPECT_TRUE(contains(text, "mmsgate_http_requests_total{method=\"GET\",route=\"(fallback)\",status=\"200\"} 1\n"));
    EXPECT_FALSE(contains(text, "BREW"));
    EXPECT_EQ(method_label("DELETE"), "DELETE");
    EXPECT_EQ(method_label("get"), "other");
}

TEST(HttpMetrics, TwoHelpersOnOneRegistryShareTheirFamilies)
{
    auto registry = std::make_shared<MetricsRegistry>();
    HttpMetrics first(registry);
    HttpMetrics second(registry);
    first.record({ "GET", "/healthz", 200, 0.0001 });
    second.record({ "GET", "/healthz", 200, 0.0001 });
    EXPECT_TRUE(contains(registry->expose(), "mmsgate_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2\n"));
}

TEST(PlivoMetrics, CountsByOperationAndOutcomeAndTimesByOperation)
{
    auto registry = std::make_shared<MetricsRegistry>();
    PlivoMetrics metrics(registry);
    metrics.record("send", "accepted", 0.2);
    metrics.record("send", "accepted", 0.3);
    metrics.record("send", "ambiguous", 30.5);
    metrics.record("get", "rejected", 0.05);
    auto text = registry->expose();
    EXPECT_TRUE(contains(text, "# TYPE mmsgate_plivo_requests_total counter\n"));
    EXPECT_TRUE(contains(text, "mmsgate_plivo_requests_total{operation=\"send\",outcome=\"accepted\"} 2\n"));
    EXPECT_TRUE(contains(text, "mmsgate_plivo_requests_total{operation=\"send\",outcome=\"ambiguous\"} 1\n"));
    EXPECT_TRUE(contains(text, "mmsgate_plivo_requests_total{operation=\"get\",outcome=\"rejected\"} 1\n"));
    EXPECT_TRUE(contains(text, "mmsgate_plivo_request_duration_seconds_bucket{operation=\"send\",le=\"30\"} 2\n"));
    EXPECT_TRUE(contains(text, "mmsgate_plivo_request_duration_seconds_bucket{operation=\"send\",le=\"+Inf\"} 3\n"));
    EXPECT_TRUE(contains(text, "mmsgate_plivo_request_duration_seconds_count{operation=\"get\"} 1\n"));
}

}
}
