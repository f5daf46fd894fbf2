#pragma once
// The JSON object a write route was sent, or the InvalidArgument error that says why not.
#include "core/error.hpp"
#include "http/request.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

[[nodiscard]] Result<nlohmann::json> json_object_body(Request const& request);
// The string member `name`, or empty when it is missing or not a string.
[[nodiscard]] std::string text_member(nlohmann::json const& body, char const* name);

}
