// What recording one request costs on the hot path: the lock-free look-up of (method, route,
// status) and the route's histogram, plus their atomic updates.
#include "metrics/http_metrics.hpp"

#include <benchmark/benchmark.h>

#include <array>

namespace {

void BM_RecordHttpRequest(benchmark::State& state)
{
    static auto registry = std::make_shared<mmsgate::MetricsRegistry>();
    static mmsgate::HttpMetrics metrics(registry);
    std::array<std::string_view, 4> routes { "/healthz", "/api/auth/session", "/api/send-mms", "/api/messages/{id}" };
    std::size_t i = std::size_t(state.thread_index());
    for (auto _ : state) {
        metrics.record({ "GET", routes[i++ & 3], 200, 0.0004 });
    }
}
BENCHMARK(BM_RecordHttpRequest)->Threads(1)->Threads(2);

void BM_CounterIncrement(benchmark::State& state)
{
    mmsgate::MetricsRegistry registry;
    auto& counter = registry.counter("c_total", "C.").with({});
    for (auto _ : state)
        counter.increment();
}
BENCHMARK(BM_CounterIncrement);

void BM_ExposeTypicalRegistry(benchmark::State& state)
{
    auto registry = std::make_shared<mmsgate::MetricsRegistry>();
    mmsgate::HttpMetrics metrics(registry);
    for (int route = 0; route < 20; ++route) {
        for (unsigned status : { 200u, 400u, 401u, 404u })
            metrics.record({ "GET", "/api/route/" + std::to_string(route), status, 0.001 });
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(registry->expose());
}
BENCHMARK(BM_ExposeTypicalRegistry);

}
