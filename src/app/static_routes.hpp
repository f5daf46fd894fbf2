#pragma once
// Serves the embedded web UI: hashed assets with year-long immutable caching, pages with no-cache,
// and index.html for any other path outside /api/ so that client-side routes survive a reload.
#include "http/router.hpp"

#include <string_view>

namespace mmsgate {

void add_static_routes(Router& router);
// Whether `path` is one of the web UI's pages; any other path is answered with the app and 404.
[[nodiscard]] bool is_app_route(std::string_view path);

}
