#pragma once
// When a failed webhook delivery is tried again.
#include "core/clock.hpp"

#include <chrono>

namespace mmsgate {

// Delay after the `attempts`-th failed attempt (1 for the first): `first` doubled per attempt, capped
// at `longest`, times `jitter_factor` (the worker draws it from 0.8–1.2 so that endpoints that failed
// together do not retry together). With the defaults (5 s, 1 h) a delivery is tried about 20
// times in its 28-hour window.
[[nodiscard]] Millis webhook_retry_delay(
    int attempts, std::chrono::milliseconds first, std::chrono::milliseconds longest, double jitter_factor);
// A jitter factor drawn uniformly from [0.8, 1.2].
[[nodiscard]] double draw_webhook_jitter();

}
