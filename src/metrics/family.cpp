#include "metrics/family.hpp"

#include "metrics/exposition.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace mmsgate {

namespace {

constexpr std::size_t kInitialCapacity = 8;

std::size_t hash_values(std::span<std::string_view const> values)
{
    std::size_t hash = 0x9e3779b97f4a7c15ULL;
    for (auto value : values)
        hash ^= std::hash<std::string_view> {}(value) + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    return hash;
}

}

// Open addressing with linear probing, kept at most half full so every probe reaches an empty slot.
struct FamilyBase::Table {
    explicit Table(std::size_t capacity)
        : mask(capacity - 1)
        , slots(std::make_unique<std::atomic<Series*>[]>(capacity))
    {
    }

    [[nodiscard]] Series* find(std::size_t hash, std::span<std::string_view const> values) const
    {
        for (std::size_t index = hash & mask;; index = (index + 1) & mask) {
            auto* series = slots[index].load(std::memory_order_acquire);
            if (series == nullptr)
                return nullptr;
            if (series->hash == hash && std::equal(values.begin(), values.end(), series->label_values.begin(), series->label_values.end()))
                return series;
        }
    }

    std::size_t mask;
    std::unique_ptr<std::atomic<Series*>[]> slots;
};

void check_metric_names(std::string const& name, std::vector<std::string> const& label_names, MetricKind kind)
{
    if (!is_valid_metric_name(name))
        throw std::invalid_argument("invalid metric name '" + name + "'");
    for (auto const& label : label_names) {
        // A histogram's buckets carry the label le themselves.
        if (!is_valid_label_name(label) || (kind == MetricKind::Histogram && label == "le"))
            throw std::invalid_argument("invalid label name '" + label + "' for " + name);
    }
}

FamilyBase::FamilyBase(std::string name, std::string help, MetricKind kind, std::vector<std::string> label_names)
    : m_name(std::move(name))
    , m_help(std::move(help))
    , m_kind(kind)
    , m_label_names(std::move(label_names))
{
    check_metric_names(m_name, m_label_names, kind);
    m_tables.push_back(std::make_unique<Table>(kInitialCapacity));
    m_table.store(m_tables.back().get(), std::memory_order_release);
}

FamilyBase::~FamilyBase() = default;

FamilyBase::Series& FamilyBase::find_or_create(std::span<std::string_view const> label_values)
{
    if (label_values.size() != m_label_names.size())
        throw std::invalid_argument(fmt::format("{} takes {} label values, not {}", m_name, m_label_names.size(), label_values.size()));
    auto hash = hash_values(label_values);
    if (auto* series = m_table.load(std::memory_order_acquire)->find(hash, label_values))
        return *series;
    return create(hash, label_values);
}

FamilyBase::Series& FamilyBase::create(std::size_t hash, std::span<std::string_view const> label_values)
{
    std::lock_guard lock(m_mutex);
    // Another thread may have created it since the lock-free look-up, or grown the table.
    if (auto* series = m_table.load(std::memory_order_relaxed)->find(hash, label_values))
        return *series;
    if (m_series.size() >= kMaxSeries) {
        if (!m_overflow) {
            spdlog::warn("metric {} has {} series already: further label values are not exported", m_name, kMaxSeries);
            m_overflow = new_series();
        }
        return *m_overflow;
    }
    auto series = new_series();
    series->hash = hash;
    series->label_values.assign(label_values.begin(), label_values.end());
    series->rendered_labels = render_labels(m_label_names, series->label_values);
    if ((m_series.size() + 1) * 2 > m_table.load(std::memory_order_relaxed)->mask + 1)
        grow();
    insert(*m_table.load(std::memory_order_relaxed), series.get());
    m_series.push_back(std::move(series));
    return *m_series.back();
}

void FamilyBase::insert(Table const& table, Series* series)
{
    auto index = series->hash & table.mask;
    while (table.slots[index].load(std::memory_order_relaxed) != nullptr)
        index = (index + 1) & table.mask;
    // Release: a reader that sees the pointer sees a fully built series.
    table.slots[index].store(series, std::memory_order_release);
}

void FamilyBase::grow()
{
    auto bigger = std::make_unique<Table>((m_table.load(std::memory_order_relaxed)->mask + 1) * 2);
    for (auto const& series : m_series)
        insert(*bigger, series.get());
    m_table.store(bigger.get(), std::memory_order_release);
    m_tables.push_back(std::move(bigger));
}

void FamilyBase::write(std::string& out) const
{
    std::vector<Series const*> series;
    {
        std::lock_guard lock(m_mutex);
        series.reserve(m_series.size());
        for (auto const& each : m_series)
            series.push_back(each.get());
    }
    std::sort(series.begin(), series.end(), [](Series const* a, Series const* b) { return a->label_values < b->label_values; });
    append_family_header(out, m_name, m_help, to_string(m_kind));
    for (auto const* each : series)
        each->write_samples(out, m_name);
}

}
