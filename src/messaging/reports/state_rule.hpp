#pragma once
// The forward-only rule for delivery reports: whether a report moves a message to its state.
// Reports arrive late, twice and out of order (Plivo's retries, lookups, callbacks racing each
// other); a message never goes back.
#include "messaging/message.hpp"

#include <optional>

namespace mmsgate {

struct ReportedState {
    MessageState state = MessageState::Queued;
    std::optional<int> sequence; // Plivo's ordering of a message's callbacks, when it sent one
};

// True when a message in `current` (last report's sequence `current_sequence`) takes `reported`:
// a higher rank wins unless the report is older by sequence; any report moves a message that
// only mmsgate knew of (accepted) or could not confirm (unknown), since it proves Plivo has it;
// nothing moves a terminal state (delivered, undelivered, failed).
[[nodiscard]] bool report_moves_forward(MessageState current, std::optional<int> current_sequence, ReportedState reported);

}
