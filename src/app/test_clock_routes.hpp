#pragma once
// The test clock (MMSGATE_TEST_CLOCK; tests only, never in production: see config.hpp). Registered
// only when it is on, and answering only clients on this machine:
//   GET  /api/test/clock                       -> { "now": ISO }
//   POST /api/test/clock { "now": ISO }        -> every now_millis() of this process reads from there
// A start time in MMSGATE_TEST_CLOCK is applied by apply_test_clock_start before anything runs.
#include "config/config.hpp"
#include "http/router.hpp"

#include <functional>

namespace mmsgate {

void apply_test_clock_start(Config const& config);
// `moved` runs after each change (wakes what waits for a due time).
void add_test_clock_routes(Router& router, Config const& config, std::function<void()> moved);

}
