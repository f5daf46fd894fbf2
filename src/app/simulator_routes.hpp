#pragma once
// Serves a PlivoSimulator over mmsgate's HTTP server (`mmsgate plivo-sim` and sandbox mode),
// applying its injected latency without blocking a thread and its dropped connections.
#include "http/router.hpp"
#include "plivo/simulator/simulator.hpp"

#include <memory>

namespace mmsgate {

void add_simulator_routes(Router& router, std::shared_ptr<PlivoSimulator> simulator);

}
