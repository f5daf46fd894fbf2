#pragma once
// Building responses. Every API error is JSON {"success":false,"error":"…"[,"field":"…"]} with the
// status from status_mapping; nothing here ever puts Error::detail on the wire.
#include "core/error.hpp"
#include "http/error_texts.hpp"
#include "http/request.hpp"
#include "http/status_mapping.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace mmsgate {

[[nodiscard]] Response json_response(http::status status, nlohmann::json const& body);
// `value` as JSON text. Strings from outside may hold bytes that are not UTF-8 (a truncated Plivo
// error text): they become U+FFFD instead of an exception.
[[nodiscard]] std::string json_text(nlohmann::json const& value);
[[nodiscard]] Response text_response(http::status status, std::string body, std::string_view content_type);
// An error answer; its status comes from status_mapping (there is deliberately no overload that
// takes a status: a CTest fails if one is written outside the mapping).
[[nodiscard]] Response error_response(Error const& error);
[[nodiscard]] Response error_response(ErrorCode code, std::string_view message, std::string_view field = {});
[[nodiscard]] Response error_response(ProtocolError error, std::string_view message);
// 302 to `location` (absolute or relative).
[[nodiscard]] Response redirect_response(std::string_view location);
// Marks a response as never cacheable (sessions, CSRF tokens, API answers).
void set_no_store(Response& response);

// The name of the first header whose value (or name) holds CR, LF or NUL, which would end the
// header early and let the rest be read as headers or a body of its own; nullopt when all are safe.
// Beast (Boost 1.74) writes such values as they are, so the server checks every response with this.
[[nodiscard]] std::optional<std::string> find_unsafe_header(Response const& response);
[[nodiscard]] bool is_safe_header_value(std::string_view value);

}
