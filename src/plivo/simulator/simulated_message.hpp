#pragma once
// One message inside the simulator: its fixed timeline (queued, then sent, then the outcome, one
// callback_delay apart), its Plivo message object at any moment, and the list filters Plivo offers.
#include "core/clock.hpp"
#include "core/encoding.hpp"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct SimulatedMessage {
    std::string uuid = {};
    std::string from = {}; // digits
    std::string to = {}; // digits
    std::string type = {}; // sms or mms
    Millis queued_at = 0;
    std::chrono::milliseconds step { 100 };
    std::string outcome = "delivered"; // delivered, undelivered or failed
    std::optional<int> error_code = {}; // undelivered / failed only
    std::string requester_ip = {};
};

struct MessageEvent {
    std::string status = {};
    Millis at = 0;
};

// queued -> sent -> delivered | undelivered, or queued -> failed.
[[nodiscard]] std::vector<MessageEvent> message_events(SimulatedMessage const& message);
[[nodiscard]] MessageEvent current_event(SimulatedMessage const& message, Millis now);
// The `error_code` Plivo reports in that state: none while pending, "000" when delivered.
[[nodiscard]] std::optional<std::string> error_code_text(SimulatedMessage const& message, std::string const& status);
[[nodiscard]] std::string total_amount_text(std::string const& status);

inline constexpr char kMessageRate[] = "0.01600";

[[nodiscard]] nlohmann::json message_object(SimulatedMessage const& message, std::string const& auth_id, Millis now);

struct MessageListQuery {
    std::string to_number = {};
    std::string from_number = {};
    std::string message_direction = {};
    std::string message_state = {};
    std::string message_type = {};
    std::optional<Millis> time_gte, time_gt, time_lte, time_lt;
    int limit = 20;
    int offset = 0;
};

// The error string of a 400 when a filter is malformed (limit above 20, unreadable time).
[[nodiscard]] std::expected<MessageListQuery, std::string> parse_message_list_query(FormFields const& query);
[[nodiscard]] bool matches(MessageListQuery const& query, SimulatedMessage const& message, Millis now);

}
