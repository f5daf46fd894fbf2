#pragma once
// The JSON shapes of the conversations API (docs/openapi.yaml: Conversation, ThreadMessage).
#include "conversations/conversation.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

// conversation_json is conversation.hpp's.
[[nodiscard]] nlohmann::json thread_message_json(ThreadMessage const& message);

}
