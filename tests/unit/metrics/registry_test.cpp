#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mmsgate {
namespace {

TEST(Registry, ExposesACounterWithoutLabelsBeforeItsFirstIncrement)
{
    MetricsRegistry registry;
    registry.counter("jobs_total", "Jobs done.");
    EXPECT_EQ(registry.expose(), "# HELP jobs_total Jobs done.\n"
                                 "# TYPE jobs_total counter\n"
                                 "jobs_total 0\n");
}

TEST(Registry, ExposesLabelledSeriesSortedByLabelValues)
{
    MetricsRegistry registry;
    auto& requests = registry.counter("requests_total", "Requests.", { "method", "status" });
    requests.with({ "POST", "201" }).increment();
    requests.with({ "GET", "200" }).increment(3);
    requests.with({ "GET", "404" }).increment();
    requests.with({ "GET", "200" }).increment();
    EXPECT_EQ(registry.expose(), "# HELP requests_total Requests.\n"
                                 "# TYPE requests_total counter\n"
                                 "requests_total{method=\"GET\",status=\"200\"} 4\n"
                                 "requests_total{method=\"GET\",status=\"404\"} 1\n"
                                 "requests_total{method=\"POST\",status=\"201\"} 1\n");
}

TEST(Registry, ExposesAFamilyWithoutSeriesAsHelpAndTypeOnly)
{
    MetricsRegistry registry;
    registry.counter("requests_total", "Requests.", { "route" });
    EXPECT_EQ(registry.expose(), "# HELP requests_total Requests.\n# TYPE requests_total counter\n");
}

TEST(Registry, EscapesLabelValuesAndHelp)
{
    MetricsRegistry registry;
    registry.gauge("odd", "A \\ and\na line.", { "value" }).with({ "q\"b\\n\nx" }).set(1.5);
    EXPECT_EQ(registry.expose(), "# HELP odd A \\\\ and\\na line.\n"
                                 "# TYPE odd gauge\n"
                                 "odd{value=\"q\\\"b\\\\n\\nx\"} 1.5\n");
}

TEST(Registry, GaugesGoUpAndDown)
{
    MetricsRegistry registry;
    auto& gauge = registry.gauge("queue_depth", "Queued jobs.").with({});
    gauge.add(5);
    gauge.add(-2);
    EXPECT_EQ(gauge.value(), 3);
    gauge.set(-0.25);
    EXPECT_EQ(registry.expose(), "# HELP queue_depth Queued jobs.\n# TYPE queue_depth gauge\nqueue_depth -0.25\n");
}

// Buckets are cumulative, an observation equal to a bound belongs to that bound's bucket (le is
// "less than or equal"), +Inf holds every observation, and _count equals it.
TEST(Registry, ExposesHistogramBucketsSumAndCount)
{
    MetricsRegistry registry;
    auto& durations = registry.histogram("latency_seconds", "Latency.", { "route" }, { 0.25, 1 });
    auto& home = durations.with({ "/" });
    home.observe(0.0625);
    home.observe(0.25);
    home.observe(1);
    home.observe(2);
    durations.with({ "/b" }).observe(0.5);
    EXPECT_EQ(registry.expose(), "# HELP latency_seconds Latency.\n"
                                 "# TYPE latency_seconds histogram\n"
                                 "latency_seconds_bucket{route=\"/\",le=\"0.25\"} 2\n"
                                 "latency_seconds_bucket{route=\"/\",le=\"1\"} 3\n"
                                 "latency_seconds_bucket{route=\"/\",le=\"+Inf\"} 4\n"
                                 "latency_seconds_sum{route=\"/\"} 3.3125\n"
                                 "latency_seconds_count{route=\"/\"} 4\n"
                                 "latency_seconds_bucket{route=\"/b\",le=\"0.25\"} 0\n"
                                 "latency_seconds_bucket{route=\"/b\",le=\"1\"} 1\n"
                                 "latency_seconds_bucket{route=\"/b\",le=\"+Inf\"} 1\n"
                                 "latency_seconds_sum{route=\"/b\"} 0.5\n"
                                 "latency_seconds_count{route=\"/b\"} 1\n");
}

TEST(Registry, HistogramWithoutLabelsPutsOnlyLeInBraces)
{
    MetricsRegistry registry;
    registry.histogram("h", "H.", {}, { 1 }).with({}).observe(3);
    EXPECT_EQ(registry.expose(), "# HELP h H.\n# TYPE h histogram\n"
                                 "h_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_sum 3\nh_count 1\n");
}

TEST(Registry, LatencyBucketsSpanATenthOfAMillisecondToThirtySeconds)
{
    auto bounds = latency_buckets();
    ASSERT_FALSE(bounds.empty());
    EXPECT_EQ(bounds.front(), 0.0001);
    EXPECT_EQ(bounds.back(), 30);
    EXPECT_TRUE(std::is_sorted(bounds.begin(), bounds.end()));
    MetricsRegistry registry;
    registry.histogram("d", "D.").with({}).observe(0.002);
    auto text = registry.expose();
    EXPECT_NE(text.find("d_bucket{le=\"0.0001\"} 0\n"), std::string::npos);
    EXPECT_NE(text.find("d_bucket{le=\"0.00025\"} 0\n"), std::string::npos);
    EXPECT_NE(text.find("d_bucket{le=\"0.0025\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("d_bucket{le=\"30\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("d_bucket{le=\"+Inf\"} 1\n"), std::string::npos);
}

TEST(Registry, WritesFamiliesInRegistrationOrderAndCallbacksAtScrapeTime)
{
    MetricsRegistry registry;
    int connections = 7;
    registry.add_gauge_callback("open_connections", "Open connections.", [&connections] { return double(connections); });
    registry.add_gauge_callback("messages", "Messages by state.", { "state" }, [] {
        return std::vector<MetricsRegistry::Sample> { { { "sent" }, 2 }, { { "delivered" }, 5 } };
    });
    registry.add_counter_callback("cpu_seconds_total", "CPU.", [] { return 0.5; });
    connections = 9;
    EXPECT_EQ(registry.expose(), "# HELP open_connections Open connections.\n"
                                 "# TYPE open_connections gauge\n"
                                 "open_connections 9\n"
                                 "# HELP messages Messages by state.\n"
                                 "# TYPE messages gauge\n"
                                 "messages{state=\"delivered\"} 5\n"
                                 "messages{state=\"sent\"} 2\n"
                                 "# HELP cpu_seconds_total CPU.\n"
                                 "# TYPE cpu_seconds_total counter\n"
                                 "cpu_seconds_total 0.5\n");
}

TEST(Registry, SkipsCallbackSamplesWithTheWrongNumberOfLabels)
{
    MetricsRegistry registry;
    registry.add_gauge_callback("g", "G.", { "a" }, [] {
        return std::vector<MetricsRegistry::Sample> { { { "x", "y" }, 1 }, { { "z" }, 2 } };
    });
    EXPECT_EQ(registry.expose(), "# HELP g G.\n# TYPE g gauge\ng{a=\"z\"} 2\n");
}

TEST(Registry, RegisteringTheSameFamilyAgainReturnsIt)
{
    MetricsRegistry registry;
    auto& first = registry.counter("c_total", "C.", { "a" });
    auto& second = registry.counter("c_total", "C.", { "a" });
    EXPECT_EQ(&first, &second);
}

TEST(Registry, RefusesConflictingOrInvalidRegistrations)
{
    MetricsRegistry registry;
    registry.counter("c_total", "C.", { "a" });
    EXPECT_THROW(registry.counter("c_total", "C.", { "b" }), std::invalid_argument);
    EXPECT_THROW(registry.gauge("c_total", "C.", { "a" }), std::invalid_argument);
    EXPECT_THROW(registry.add_gauge_callback("c_total", "C.", [] { return 1.0; }), std::invalid_argument);
    EXPECT_THROW(registry.counter("bad-name", "C."), std::invalid_argument);
    EXPECT_THROW(registry.counter("ok_total", "C.", { "__reserved" }), std::invalid_argument);
    EXPECT_THROW(registry.histogram("h", "H.", { "le" }), std::invalid_argument);
    EXPECT_THROW(registry.histogram("h", "H.", {}, { 1, 1 }), std::invalid_argument);
    EXPECT_THROW(registry.histogram("h", "H.", {}, { 2, 1 }), std::invalid_argument);
}

TEST(Registry, RefusesTheWrongNumberOfLabelValues)
{
    MetricsRegistry registry;
    auto& family = registry.counter("c_total", "C.", { "a", "b" });
    EXPECT_THROW(family.with({ "x" }), std::invalid_argument);
    EXPECT_THROW(family.with({ "x", "y", "z" }), std::invalid_argument);
}

TEST(Registry, GrowsPastItsFirstTableAndFindsEverySeriesAgain)
{
    MetricsRegistry registry;
    auto& family = registry.counter("c_total", "C.", { "n" });
    for (int i = 0; i < 300; ++i)
        family.with({ std::to_string(i) }).increment(std::uint64_t(i));
    for (int i = 0; i < 300; ++i)
        EXPECT_EQ(family.with({ std::to_string(i) }).value(), std::uint64_t(i)) << i;
}

TEST(Registry, StopsExportingNewSeriesPastTheLimit)
{
    MetricsRegistry registry;
    auto& family = registry.counter("c_total", "C.", { "n" });
    for (std::size_t i = 0; i < FamilyBase::kMaxSeries + 10; ++i)
        family.with({ std::to_string(i) }).increment();
    auto text = registry.expose();
    auto lines = std::count(text.begin(), text.end(), '\n');
    EXPECT_EQ(lines, std::ptrdiff_t(FamilyBase::kMaxSeries + 2));
    EXPECT_EQ(text.find("c_total{n=\"" + std::to_string(FamilyBase::kMaxSeries) + "\"}"), std::string::npos);
}

}
}
