#include "metrics/metric.hpp"

#include "core/names.hpp"
#include "metrics/exposition.hpp"

#include <algorithm>

namespace mmsgate {

constexpr NameTable<MetricKind, 3> kKindNames { { { MetricKind::Counter, "counter" },
    { MetricKind::Gauge, "gauge" }, { MetricKind::Histogram, "histogram" } } };

std::string_view to_string(MetricKind kind) { return name_in(kKindNames, kind, "untyped"); }

void Counter::write_samples(std::string& out, std::string_view name, std::string_view labels) const
{
    append_sample_start(out, name, labels);
    append_number(out, value());
    out += '\n';
}

void Gauge::write_samples(std::string& out, std::string_view name, std::string_view labels) const
{
    append_sample_start(out, name, labels);
    append_number(out, value());
    out += '\n';
}

std::vector<double> latency_buckets()
{
    return { 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30 };
}

Histogram::Histogram(Settings const& settings)
    : m_bounds(settings.bounds)
    , m_buckets(settings.bounds.size() + 1)
{
}

void Histogram::observe(double value)
{
    // The first bound >= value is the bucket (le means "less than or equal"); past the last is +Inf.
    auto index = std::size_t(std::lower_bound(m_bounds.begin(), m_bounds.end(), value) - m_bounds.begin());
    m_buckets[index].fetch_add(1, std::memory_order_relaxed);
    m_sum.fetch_add(value, std::memory_order_relaxed);
}

std::uint64_t Histogram::count() const
{
    std::uint64_t total = 0;
    for (auto const& bucket : m_buckets)
        total += bucket.load(std::memory_order_relaxed);
    return total;
}

void Histogram::write_samples(std::string& out, std::string_view name, std::string_view labels) const
{
    std::string bucket_name = std::string(name) + "_bucket";
    std::uint64_t cumulative = 0;
    std::string le;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        cumulative += m_buckets[i].load(std::memory_order_relaxed);
        le = "le=\"";
        if (i < m_bounds.size())
            append_number(le, m_bounds[i]);
        else
            le += "+Inf";
        le += '"';
        append_sample_start(out, bucket_name, labels, le);
        append_number(out, cumulative);
        out += '\n';
    }
    append_sample_start(out, std::string(name) + "_sum", labels);
    append_number(out, sum());
    out += '\n';
    append_sample_start(out, std::string(name) + "_count", labels);
    append_number(out, cumulative);
    out += '\n';
}

}
