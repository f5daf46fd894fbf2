#pragma once
// Every metric of the process, and the text GET /metrics serves.
// - Register families at start-up; the references returned live as long as the registry. Update
//   series from any thread: a counter increment is a lock-free look-up plus one atomic add.
// - Values that already live somewhere cheap to read (an atomic, a queue size) are callbacks,
//   run on the scraping thread when /metrics is rendered: quick, non-blocking, no registry calls.
// - Values that need I/O (counting messages by state in the database) are set by a scrape hook:
//   an awaitable the /metrics handler runs before it renders, so the database is asked only when
//   someone looks, and the I/O threads never block.
// Registration mistakes (an invalid name, one name with two kinds or label sets) are programming
// errors: they throw std::invalid_argument at start-up.
#include "core/asio.hpp"
#include "metrics/family.hpp"

#include <functional>

namespace mmsgate {

class MetricsRegistry {
public:
    struct Sample {
        std::vector<std::string> label_values;
        double value = 0;
    };
    using SampleSource = std::function<std::vector<Sample>()>;
    using ScrapeHook = std::function<Awaitable<void>()>;

    MetricsRegistry();
    ~MetricsRegistry();
    MetricsRegistry(MetricsRegistry const&) = delete;
    MetricsRegistry& operator=(MetricsRegistry const&) = delete;

    // The same name registered again with the same kind and label names returns the same family.
    CounterFamily& counter(std::string name, std::string help, std::vector<std::string> label_names = {});
    GaugeFamily& gauge(std::string name, std::string help, std::vector<std::string> label_names = {});
    HistogramFamily& histogram(std::string name, std::string help, std::vector<std::string> label_names = {},
        std::vector<double> bounds = latency_buckets());

    void add_gauge_callback(std::string name, std::string help, std::function<double()> read);
    void add_gauge_callback(std::string name, std::string help, std::vector<std::string> label_names, SampleSource read);
    // For totals kept elsewhere (CPU seconds): the callback must never return less than before.
    void add_counter_callback(std::string name, std::string help, std::function<double()> read);

    void add_scrape_hook(ScrapeHook hook);
    [[nodiscard]] Awaitable<void> run_scrape_hooks() const;

    // The whole exposition, families in registration order, series sorted by label values.
    [[nodiscard]] std::string expose() const;

private:
    template <class Metric>
    Family<Metric>& family(std::string name, std::string help, std::vector<std::string> label_names, typename Metric::Settings settings);
    void add_collector(std::shared_ptr<Collector> collector);

    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<Collector>> m_collectors;
    std::vector<ScrapeHook> m_scrape_hooks;
};

}
