#pragma once
// The three kinds of series a registry holds. Updating one is a relaxed atomic operation or two,
// safe from any thread; reading happens only when /metrics is scraped.
#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

enum class MetricKind { Counter, Gauge, Histogram };

[[nodiscard]] std::string_view to_string(MetricKind kind);

// Only ever goes up; Prometheus turns it into rates.
class Counter {
public:
    static constexpr MetricKind kKind = MetricKind::Counter;
    struct Settings { };
    explicit Counter(Settings const&) { }

    void increment(std::uint64_t amount = 1) { m_value.fetch_add(amount, std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t value() const { return m_value.load(std::memory_order_relaxed); }
    void write_samples(std::string& out, std::string_view name, std::string_view labels) const;

private:
    std::atomic<std::uint64_t> m_value { 0 };
};

// A value that goes up and down.
class Gauge {
public:
    static constexpr MetricKind kKind = MetricKind::Gauge;
    struct Settings { };
    explicit Gauge(Settings const&) { }

    void set(double value) { m_value.store(value, std::memory_order_relaxed); }
    void add(double amount) { m_value.fetch_add(amount, std::memory_order_relaxed); }
    [[nodiscard]] double value() const { return m_value.load(std::memory_order_relaxed); }
    void write_samples(std::string& out, std::string_view name, std::string_view labels) const;

private:
    std::atomic<double> m_value { 0 };
};

// Seconds from 0.1 ms to 30 s: request handling, Plivo calls, database work.
[[nodiscard]] std::vector<double> latency_buckets();

// Counts observations into fixed buckets. A bucket holds the observations <= its upper bound and
// above the previous bound; the exposition makes them cumulative and adds le="+Inf". _count is the
// sum of the buckets, so it always equals the +Inf bucket.
class Histogram {
public:
    static constexpr MetricKind kKind = MetricKind::Histogram;
    struct Settings {
        std::vector<double> bounds; // strictly increasing, finite
    };
    explicit Histogram(Settings const& settings);

    void observe(double value);
    [[nodiscard]] std::uint64_t count() const;
    [[nodiscard]] double sum() const { return m_sum.load(std::memory_order_relaxed); }
    void write_samples(std::string& out, std::string_view name, std::string_view labels) const;

private:
    std::span<double const> m_bounds; // the family's Settings, which outlive every series
    std::vector<std::atomic<std::uint64_t>> m_buckets; // one per bound, then +Inf
    std::atomic<double> m_sum { 0 };
};

}
