#pragma once
// The suppression check of a send (issue 16), inside the transaction that stores it: a recipient
// on the list gets the terminal state `suppressed` with the reason and never reaches Plivo (so it
// costs nothing); the others go as usual. Reads the database, never a cache.
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"

#include <vector>

namespace mmsgate {

struct HeldBack {
    std::vector<MessageRecord> to_send; // still `accepted`
    std::vector<MessageRecord> suppressed; // now `suppressed`, with the reason in `error`
};

// Call after the request and its messages are inserted. `messages` is updated in place (state,
// error). When every recipient is suppressed the request is done (nothing left to dispatch).
[[nodiscard]] Result<HeldBack> hold_back_suppressed(SqlConnection& connection, Config const& config,
    SendRequestRecord const& request, std::vector<MessageRecord>& messages, Millis now);

}
