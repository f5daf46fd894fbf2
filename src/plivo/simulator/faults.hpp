#pragma once
// Fault injection for the simulator, set through POST /_sim/faults. A POST replaces every setting
// (absent fields take their defaults); DELETE resets them.
//
//   {"latency_ms": 1000,                 delay every API answer
//    "status": 503, "status_count": 2,   answer the next 2 API requests with 503 (no count: all)
//    "retry_after": 5,                   with "Retry-After: 5"
//    "random_error_rate": 0.1,           answer this share of API requests with a random 429/500/503
//    "drop_after_read": true, "drop_count": 1,  accept and record the next message, then drop the connection
//    "drop_answer_texts": ["a"],         the next send whose text is "a": accept and record it, then
//                                        drop the connection (once per listed text)
//    "refuse_texts": ["b"],              the next send whose text is "b": drop the connection before
//                                        Plivo takes it (nothing recorded; once per listed text)
//    "report_delay_ms": 3000,            status callbacks of messages accepted meanwhile go out this
//                                        much later (the messages' states move on time as usual)
//    "lose_reports": true,               messages accepted meanwhile never get a status callback
//    "list_total_extra": 1,              message lists claim this many more in meta.total_count than
//                                        they have, with no next page (an inconsistent list)
//    "outcome": "delivered" | "undelivered" | "failed", "error_code": 30,
//    "callback_delay_ms": 100}           time between queued, sent and the final status
#include "core/error.hpp"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

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
    std::vector<std::string> drop_answer_texts = {};
    std::vector<std::string> refuse_texts = {};
    int list_total_extra = 0;
    bool lose_reports = false;
    std::chrono::milliseconds report_delay { 0 };
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
// Whether an accepted message's connection is dropped; consumes drop_count or its text's entry.
[[nodiscard]] bool consume_drop(FaultSettings& settings, std::string const& text);
// Whether a send with `text` is refused before Plivo takes it; consumes its entry.
[[nodiscard]] bool consume_refusal(FaultSettings& settings, std::string const& text);

}
