#pragma once
// What an incoming message does to the suppression list (called by src/inbound inside the
// transaction that stores the message, once per MessageUUID): an opt-out adds an entry and queues
// the one confirmation, an opt-in ends the entries, HELP queues the HELP answer, and an opt-out
// word among other words flags the message for a person to confirm.
#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"
#include "suppressions/list/suppression_list.hpp"

#include <optional>
#include <string>

namespace mmsgate {

struct IncomingForOptOut {
    std::string inbound_message_id;
    std::string from; // theirs
    std::string to; // ours
    std::string text;
    std::string intent; // Plivo's MessageIntent
};

struct OptOutIntake {
    bool reply_queued = false; // wake the dispatcher
    std::optional<std::string> flag; // set on the inbound message ("possible_optout")
};

inline constexpr std::string_view kPossibleOptOutFlag = "possible_optout";
inline constexpr std::string_view kConfirmedOptOutFlag = "optout_confirmed";

[[nodiscard]] Result<OptOutIntake> take_in_opt_out_keywords(
    SqlConnection& connection, Config const& config, IncomingForOptOut const& message, Millis now);

// Adds the entry and, when it is new and confirmations are on, queues its one confirmation.
// Returns the entry when it is new.
[[nodiscard]] Result<std::optional<Suppression>> opt_out_with_confirmation(
    SqlConnection& connection, Config const& config, Suppression entry, bool* reply_queued);

// A person confirmed that a flagged incoming message asks to stop: the same as an opt-out keyword,
// recorded as confirmed by `user`. NotFound for an unknown inbound message.
[[nodiscard]] Result<std::optional<Suppression>> confirm_flagged_opt_out(SqlConnection& connection, Config const& config,
    std::string const& inbound_message_id, std::string const& user_id, std::string const& user_label, Millis now,
    bool* reply_queued);

}
