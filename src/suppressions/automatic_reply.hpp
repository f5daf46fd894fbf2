#pragma once
// A message mmsgate sends by itself (an opt-out confirmation, a HELP answer): stored in the outbox
// like any send (origin `automatic`, shown as automatic in the conversation) for the dispatcher to
// pick up. It is not checked against the suppression list: the confirmation is the one message
// allowed after an opt-out, and HELP answers are always allowed.
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <string>

namespace mmsgate {

inline constexpr std::string_view kSystemUserId = "mmsgate";

struct AutomaticReply {
    std::string from; // our number
    std::string to; // theirs
    std::string text;
};

// Stores the request and its message (accepted, unclaimed); returns the request id.
[[nodiscard]] Result<std::string> queue_automatic_reply(
    SqlConnection& connection, Config const& config, AutomaticReply const& reply, Millis now);

}
