#pragma once
// The standard process_* metrics Prometheus users expect (names as in the official clients), read
// from /proc and getrusage when /metrics is scraped: resident memory, CPU time, open descriptors,
// start time.
#include "metrics/registry.hpp"

namespace mmsgate {

void add_process_metrics(MetricsRegistry& registry);

}
