#include "messaging/message.hpp"

#include "core/names.hpp"

namespace mmsgate {

// The names the database, the API and the webhooks use (a namespace-scope constexpr is internal).
constexpr NameTable<MessageState, 10> kNames { { { MessageState::Accepted, "accepted" },
    { MessageState::Queued, "queued" }, { MessageState::Sent, "sent" }, { MessageState::Delivered, "delivered" },
    { MessageState::Undelivered, "undelivered" }, { MessageState::Failed, "failed" },
    { MessageState::Unknown, "unknown" }, { MessageState::Scheduled, "scheduled" },
    { MessageState::Cancelled, "cancelled" }, { MessageState::Suppressed, "suppressed" } } };

std::string_view to_string(MessageState state) { return name_in(kNames, state, "unknown"); }

std::optional<MessageState> parse_message_state(std::string_view text)
{
    if (auto state = value_named(kNames, text))
        return state;
    // Older Plivo callbacks say "rejected" for what is now "failed" (plivo-api.md section 3).
    if (text == "rejected")
        return MessageState::Failed;
    return std::nullopt;
}

int state_rank(MessageState state)
{
    switch (state) {
    case MessageState::Scheduled:
    case MessageState::Accepted:
    case MessageState::Unknown:
        return 0;
    case MessageState::Queued:
        return 1;
    case MessageState::Sent:
        return 2;
    case MessageState::Delivered:
    case MessageState::Undelivered:
    case MessageState::Failed:
    case MessageState::Cancelled:
    case MessageState::Suppressed:
        return 3;
    }
    return 0;
}

bool is_terminal(MessageState state) { return state_rank(state) == 3; }

}
