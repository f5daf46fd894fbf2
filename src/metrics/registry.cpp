#include "metrics/registry.hpp"

#include "metrics/exposition.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mmsgate {

namespace {

class CallbackCollector final : public Collector {
public:
    CallbackCollector(std::string name, std::string help, MetricKind kind, std::vector<std::string> label_names,
        MetricsRegistry::SampleSource read)
        : m_name(std::move(name))
        , m_help(std::move(help))
        , m_kind(kind)
        , m_label_names(std::move(label_names))
        , m_read(std::move(read))
    {
        check_metric_names(m_name, m_label_names, m_kind);
    }

    [[nodiscard]] std::string const& name() const override { return m_name; }

    void write(std::string& out) const override
    {
        append_family_header(out, m_name, m_help, to_string(m_kind));
        auto samples = m_read();
        std::sort(samples.begin(), samples.end(),
            [](auto const& a, auto const& b) { return a.label_values < b.label_values; });
        for (auto const& sample : samples) {
            if (sample.label_values.size() != m_label_names.size()) {
                spdlog::error("metric {}: a callback gave {} label values for {} labels", m_name, sample.label_values.size(),
                    m_label_names.size());
                continue;
            }
            append_sample_start(out, m_name, render_labels(m_label_names, sample.label_values));
            append_number(out, sample.value);
            out += '\n';
        }
    }

private:
    std::string m_name;
    std::string m_help;
    MetricKind m_kind;
    std::vector<std::string> m_label_names;
    MetricsRegistry::SampleSource m_read;
};

MetricsRegistry::SampleSource single_sample(std::function<double()> read)
{
    return [read = std::move(read)] { return std::vector<MetricsRegistry::Sample> { { {}, read() } }; };
}

}

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

template <class Metric>
Family<Metric>& MetricsRegistry::family(std::string name, std::string help, std::vector<std::string> label_names,
    typename Metric::Settings settings)
{
    std::lock_guard lock(m_mutex);
    for (auto const& collector : m_collectors) {
        if (collector->name() != name)
            continue;
        auto* existing = dynamic_cast<Family<Metric>*>(collector.get());
        if (existing == nullptr || existing->label_names() != label_names)
            throw std::invalid_argument("metric " + name + " is registered already with another kind or other labels");
        return *existing;
    }
    auto created = std::make_shared<Family<Metric>>(std::move(name), std::move(help), std::move(label_names), std::move(settings));
    m_collectors.push_back(created);
    return *created;
}

CounterFamily& MetricsRegistry::counter(std::string name, std::string help, std::vector<std::string> label_names)
{
    return family<Counter>(std::move(name), std::move(help), std::move(label_names), {});
}

GaugeFamily& MetricsRegistry::gauge(std::string name, std::string help, std::vector<std::string> label_names)
{
    return family<Gauge>(std::move(name), std::move(help), std::move(label_names), {});
}

HistogramFamily& MetricsRegistry::histogram(std::string name, std::string help, std::vector<std::string> label_names,
    std::vector<double> bounds)
{
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            throw std::invalid_argument("the buckets of " + name + " must be finite and strictly increasing");
    }
    return family<Histogram>(std::move(name), std::move(help), std::move(label_names), { std::move(bounds) });
}

void MetricsRegistry::add_collector(std::shared_ptr<Collector> collector)
{
    std::lock_guard lock(m_mutex);
    for (auto const& existing : m_collectors) {
        if (existing->name() == collector->name())
            throw std::invalid_argument("metric " + collector->name() + " is registered already");
    }
    m_collectors.push_back(std::move(collector));
}

void MetricsRegistry::add_gauge_callback(std::string name, std::string help, std::function<double()> read)
{
    add_collector(std::make_shared<CallbackCollector>(std::move(name), std::move(help), MetricKind::Gauge,
        std::vector<std::string> {}, single_sample(std::move(read))));
}

void MetricsRegistry::add_gauge_callback(std::string name, std::string help, std::vector<std::string> label_names, SampleSource read)
{
    add_collector(std::make_shared<CallbackCollector>(std::move(name), std::move(help), MetricKind::Gauge,
        std::move(label_names), std::move(read)));
}

void MetricsRegistry::add_counter_callback(std::string name, std::string help, std::function<double()> read)
{
    add_collector(std::make_shared<CallbackCollector>(std::move(name), std::move(help), MetricKind::Counter,
        std::vector<std::string> {}, single_sample(std::move(read))));
}

void MetricsRegistry::add_scrape_hook(ScrapeHook hook)
{
    std::lock_guard lock(m_mutex);
    m_scrape_hooks.push_back(std::move(hook));
}

Awaitable<void> MetricsRegistry::run_scrape_hooks() const
{
    std::vector<ScrapeHook> hooks;
    {
        std::lock_guard lock(m_mutex);
        hooks = m_scrape_hooks;
    }
    for (auto const& hook : hooks)
        co_await hook();
}

std::string MetricsRegistry::expose() const
{
    std::vector<std::shared_ptr<Collector>> collectors;
    {
        std::lock_guard lock(m_mutex);
        collectors = m_collectors;
    }
    // Outside the lock: callbacks may take their own locks, and registration must not wait on a scrape.
    std::string out;
    out.reserve(16 * 1024);
    for (auto const& collector : collectors)
        collector->write(out);
    return out;
}

}
