#pragma once
// Cancelling a message held for quiet hours, decided in one transaction against a dispatcher that
// may be claiming it at the same moment: both take the send request's row first, so either the
// cancel wins (the message ends `cancelled` and is never sent) or the claim did (the message is
// `accepted`, and the cancel fails with AlreadyExists, HTTP 409).
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>

namespace mmsgate {

// `owner_id`: the caller must own the message (NotFound otherwise); nullopt for an administrator.
// `who` names the person in the message's timeline.
[[nodiscard]] Result<MessageRecord> cancel_scheduled_message(SqlConnection& connection, std::string const& message_id,
    std::optional<std::string> const& owner_id, std::string const& who, Millis now);

}
