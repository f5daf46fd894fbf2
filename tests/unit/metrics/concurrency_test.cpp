#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace mmsgate {
namespace {

constexpr int kThreads = 8;
constexpr int kIterations = 50000;
constexpr int kLabelSets = 40;

// Every thread creates the same label sets at the same time (the table grows while others read it)
// and increments them: no increment may be lost and no label set may be created twice.
TEST(Concurrency, ManyThreadsIncrementingLoseNothing)
{
    MetricsRegistry registry;
    auto& counters = registry.counter("c_total", "C.", { "route", "status" });
    auto& histograms = registry.histogram("h_seconds", "H.", { "route" });
    std::vector<std::string> routes;
    for (int i = 0; i < kLabelSets; ++i)
        routes.push_back("/route/" + std::to_string(i));

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kIterations; ++i) {
                auto const& route = routes[std::size_t((i + t) % kLabelSets)];
                counters.with({ route, "200" }).increment();
                histograms.with({ route }).observe(0.001);
            }
        });
    }
    // Scrapes while the threads run must not disturb them.
    for (int i = 0; i < 20; ++i)
        EXPECT_FALSE(registry.expose().empty());
    for (auto& thread : threads)
        thread.join();

    std::uint64_t counted = 0;
    std::uint64_t observed = 0;
    for (auto const& route : routes) {
        counted += counters.with({ route, "200" }).value();
        observed += histograms.with({ route }).count();
    }
    EXPECT_EQ(counted, std::uint64_t(kThreads) * kIterations);
    EXPECT_EQ(observed, std::uint64_t(kThreads) * kIterations);
    EXPECT_EQ(counters.with({ routes[0], "200" }).value(), std::uint64_t(kThreads) * kIterations / kLabelSets);

    auto text = registry.expose();
    auto series_lines = std::count(text.begin(), text.end(), '\n');
    // Counter: HELP, TYPE, one line per route. Histogram: HELP, TYPE, (buckets + +Inf + sum + count) per route.
    auto buckets = std::ptrdiff_t(latency_buckets().size());
    EXPECT_EQ(series_lines, 2 + kLabelSets + 2 + kLabelSets * (buckets + 3));
}

TEST(Concurrency, GaugeAddsFromManyThreadsBalance)
{
    MetricsRegistry registry;
    auto& gauge = registry.gauge("in_flight", "In flight.").with({});
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kIterations; ++i) {
                gauge.add(1);
                gauge.add(-1);
            }
            gauge.add(1);
        });
    }
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(gauge.value(), kThreads);
}

}
}
