#include "messaging/reports/state_rule.hpp"

namespace mmsgate {

bool report_moves_forward(MessageState current, std::optional<int> current_sequence, ReportedState reported)
{
    if (is_terminal(current))
        return false;
    if (current == MessageState::Unknown || current == MessageState::Accepted)
        return true;
    bool older_sequence = reported.sequence && current_sequence && *reported.sequence < *current_sequence;
    return state_rank(reported.state) > state_rank(current) && !older_sequence;
}

}
