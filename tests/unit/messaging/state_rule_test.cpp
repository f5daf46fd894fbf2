// The forward-only rule for delivery reports, as a table: every (current, reported) pair that
// matters, with and without Plivo's sequence numbers.
#include "messaging/reports/state_rule.hpp"

#include <gtest/gtest.h>

namespace mmsgate::testing {
namespace {

using enum MessageState;

struct Row {
    MessageState current;
    std::optional<int> current_sequence;
    MessageState reported;
    std::optional<int> reported_sequence;
    bool moves;
};

void PrintTo(Row const& row, std::ostream* out)
{
    auto sequence = [](std::optional<int> value) { return value ? std::to_string(*value) : std::string("-"); };
    *out << to_string(row.current) << "#" << sequence(row.current_sequence) << " <- " << to_string(row.reported) << "#"
         << sequence(row.reported_sequence);
}

class StateRule : public ::testing::TestWithParam<Row> { };

TEST_P(StateRule, MovesOnlyForward)
{
    auto const& row = GetParam();
    EXPECT_EQ(report_moves_forward(row.current, row.current_sequence, { row.reported, row.reported_sequence }), row.moves);
}

INSTANTIATE_TEST_SUITE_P(Table, StateRule,
    ::testing::Values(
        // A higher rank wins.
        Row { Queued, std::nullopt, Sent, std::nullopt, true },
        Row { Queued, std::nullopt, Delivered, std::nullopt, true },
        Row { Sent, std::nullopt, Delivered, std::nullopt, true },
        Row { Sent, std::nullopt, Undelivered, std::nullopt, true },
        Row { Queued, std::nullopt, Failed, std::nullopt, true },
        // The same or a lower rank does not (late or repeated reports).
        Row { Queued, std::nullopt, Queued, std::nullopt, false },
        Row { Sent, std::nullopt, Queued, std::nullopt, false },
        Row { Sent, std::nullopt, Sent, std::nullopt, false },
        // A report older by sequence does not, even with a higher rank; a newer one does.
        Row { Sent, 3, Delivered, 2, false },
        Row { Sent, 2, Delivered, 3, true },
        Row { Sent, 2, Delivered, 2, true },
        Row { Sent, 2, Delivered, std::nullopt, true },
        Row { Sent, std::nullopt, Delivered, 1, true },
        // Any report moves a message only mmsgate knew of, or one it could not confirm: the
        // report proves Plivo has it (even a "queued" one, even an older sequence).
        Row { Accepted, std::nullopt, Queued, std::nullopt, true },
        Row { Accepted, std::nullopt, Delivered, std::nullopt, true },
        Row { Unknown, std::nullopt, Queued, std::nullopt, true },
        Row { Unknown, 5, Sent, 1, true },
        Row { Unknown, std::nullopt, Failed, std::nullopt, true },
        // Nothing moves a terminal state, whatever it reports.
        Row { Delivered, std::nullopt, Undelivered, std::nullopt, false },
        Row { Delivered, 1, Failed, 9, false },
        Row { Undelivered, std::nullopt, Delivered, std::nullopt, false },
        Row { Failed, std::nullopt, Delivered, std::nullopt, false },
        Row { Failed, std::nullopt, Queued, std::nullopt, false }));

}
}
