#pragma once
// The JSON (and CSV) shapes of messages and events that the history API and the live stream share.
#include "messaging/message.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

[[nodiscard]] nlohmann::json message_json(MessageRecord const& message);
[[nodiscard]] nlohmann::json event_json(MessageEventRecord const& event);
// What a Plivo error code means, in words; JSON null without a code.
[[nodiscard]] nlohmann::json error_meaning_json(std::optional<int> error_code);
// One RFC 4180 cell, always quoted. A cell a spreadsheet would run as a formula (starting with =, +,
// -, @, TAB or CR) gets a leading apostrophe; an E.164 number ("+" and digits) stays as it is.
[[nodiscard]] std::string csv_cell(std::string_view text);
[[nodiscard]] std::string csv_header();
[[nodiscard]] std::string csv_row(MessageRecord const& message);

}
