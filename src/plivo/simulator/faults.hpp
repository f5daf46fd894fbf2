#pragma once
// Fault injection for the simulator, set through POST /_sim/faults. A POST replaces every setting
// (absent fields take their defaults); DELETE resets them.
//
//   {"latency_ms": 1000,                 delay every API answer
//    "status": 503, "status_count": 2,   answer the next 2 API requests with 503 (no count: all)
//    "retry_after": 5,                   with "Retry-After: 5"
//    "random_error_rate": 0.1,           answer this share of API requests with a random 429/500/503
//    "drop_after_read": true, "drop_count": 1,  accept and record the next message, then drop the connection
//    "outcome": "delivered" | "undelivered" | "failed", "error_code": 30,
//    "callback_delay_ms": 100}           time between queued, sent and the final status
#include "core/error.hpp"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace mmsgate {

struct FaultSettings {
    std::chrono::milliseconds latency { 0 };
    int status = 0; // 0: none
    int status_count = -1; // requests left to answer with `status`; -1: every request
    std::optional<int> retry_after = {}; // seconds
    double random_error_rate = 0;
    bool drop_after_read = false;
    int drop_count = -1; // messages left to drop; -1: every message
    std::string outcome = "delivered";
    std::optional<int> error_code = {}; // for undelivered / failed; 1000 (unknown) when absent
    std::chrono::milliseconds callback_delay { 100 };
};

[[nodiscard]] Result<FaultSettings> parse_fault_settings(nlohmann::json const& body);
[[nodiscard]] nlohmann::json fault_settings_json(FaultSettings const& settings);

// What the faults do to one API request. Counters in `settings` are consumed.
struct FaultDecision {
    std::chrono::milliseconds delay { 0 };
    int status = 0; // an injected error status, 0: none
    std::optional<int> retry_after = {};
};

// `random_fraction` is uniform in [0, 1); it decides the random errors.
[[nodiscard]] FaultDecision decide_faults(FaultSettings& settings, double random_fraction);
// Whether an accepted message's connection is dropped; consumes drop_count.
[[nodiscard]] bool consume_drop(FaultSettings& settings);

}
