#pragma once
// The JSON (and CSV) shapes of messages and events that the history API and the live stream share.
#include "messaging/message.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

[[nodiscard]] nlohmann::json message_json(MessageRecord const& message);
[[nodiscard]] nlohmann::json event_json(MessageEventRecord const& event);
[[nodiscard]] std::string csv_header();
[[nodiscard]] std::string csv_row(MessageRecord const& message);

}
