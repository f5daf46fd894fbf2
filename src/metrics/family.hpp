#pragma once
// A metric family: one name, one help text, fixed label names, and one series per set of label
// values. Finding an existing series takes no lock (an open-addressing table of atomic pointers);
// only the first use of a set of label values takes the family's mutex. Series are never removed,
// so a reference to one stays valid as long as the family.
#include "metrics/metric.hpp"

#include <initializer_list>
#include <memory>
#include <mutex>

namespace mmsgate {

// Something a registry writes into the exposition.
class Collector {
public:
    virtual ~Collector() = default;
    [[nodiscard]] virtual std::string const& name() const = 0;
    virtual void write(std::string& out) const = 0;
};

// Throws std::invalid_argument unless the names follow the exposition format's rules.
void check_metric_names(std::string const& name, std::vector<std::string> const& label_names, MetricKind kind);

class FamilyBase : public Collector {
public:
    // Label values come from a bounded set (routes, methods, statuses), but a bug must not eat the
    // memory: past this many series, new label sets are counted in a series that is not exported.
    static constexpr std::size_t kMaxSeries = 1000;

    FamilyBase(std::string name, std::string help, MetricKind kind, std::vector<std::string> label_names);
    ~FamilyBase() override;

    [[nodiscard]] std::string const& name() const override { return m_name; }
    [[nodiscard]] MetricKind kind() const { return m_kind; }
    [[nodiscard]] std::vector<std::string> const& label_names() const { return m_label_names; }
    void write(std::string& out) const override;

protected:
    struct Series {
        virtual ~Series() = default;
        virtual void write_samples(std::string& out, std::string_view name) const = 0;
        std::size_t hash = 0;
        std::vector<std::string> label_values;
        std::string rendered_labels;
    };
    struct Table;

    // Throws std::invalid_argument when the number of values differs from the number of label names.
    Series& find_or_create(std::span<std::string_view const> label_values);
    [[nodiscard]] virtual std::unique_ptr<Series> new_series() const = 0;

private:
    Series& create(std::size_t hash, std::span<std::string_view const> label_values);
    void insert(Table const& table, Series* series);
    void grow();

    std::string m_name;
    std::string m_help;
    MetricKind m_kind;
    std::vector<std::string> m_label_names;
    std::atomic<Table const*> m_table { nullptr };
    mutable std::mutex m_mutex; // guards the members below and inserting into the current table
    // Every table ever made: a reader may still be probing an older one after a grow().
    std::vector<std::unique_ptr<Table>> m_tables;
    std::vector<std::unique_ptr<Series>> m_series;
    std::unique_ptr<Series> m_overflow;
};

template <class Metric>
class Family final : public FamilyBase {
public:
    Family(std::string name, std::string help, std::vector<std::string> label_names, typename Metric::Settings settings = {})
        : FamilyBase(std::move(name), std::move(help), Metric::kKind, std::move(label_names))
        , m_settings(std::move(settings))
    {
        // A family without labels has exactly one series; export it (as 0) before its first update.
        if (this->label_names().empty())
            find_or_create({});
    }

    // The series for these label values, given in the order of the label names.
    Metric& with(std::initializer_list<std::string_view> label_values)
    {
        return with(std::span<std::string_view const>(label_values.begin(), label_values.size()));
    }
    Metric& with(std::span<std::string_view const> label_values)
    {
        return static_cast<Child&>(find_or_create(label_values)).metric;
    }
    [[nodiscard]] typename Metric::Settings const& settings() const { return m_settings; }

private:
    struct Child final : Series {
        explicit Child(typename Metric::Settings const& settings)
            : metric(settings)
        {
        }
        void write_samples(std::string& out, std::string_view name) const override
        {
            metric.write_samples(out, name, rendered_labels);
        }
        Metric metric;
    };
    [[nodiscard]] std::unique_ptr<Series> new_series() const override { return std::make_unique<Child>(m_settings); }

    typename Metric::Settings m_settings;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

}
