#pragma once
// Internal to the simulator: building its JSON answers.
#include "plivo/simulator/simulator_types.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace mmsgate::simulator {

[[nodiscard]] SimulatorResponse json_response(int status, nlohmann::json const& body);
// Plivo's error shape: {"api_id": "...", "error": "..."}.
[[nodiscard]] SimulatorResponse api_error(int status, std::string const& error);

}
