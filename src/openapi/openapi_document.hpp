#pragma once
// docs/openapi.yaml as compact JSON, converted and embedded at build time (cmake/openapi_to_json.py).
#include <string_view>

namespace mmsgate {

[[nodiscard]] std::string_view openapi_json();
// A strong ETag of openapi_json() (quoted, part of its SHA-256).
[[nodiscard]] std::string_view openapi_etag();

}
