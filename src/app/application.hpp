#pragma once
// The composition root of `mmsgate serve`: builds every part from the configuration, wires the
// routes, runs until SIGINT/SIGTERM and stops in order (stop accepting, drain, stop dispatching).
#include "config/config.hpp"

namespace mmsgate {

// Returns the process exit code.
[[nodiscard]] int run_server(Config config);

}
