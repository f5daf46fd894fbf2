#pragma once
// Serves the embedded web UI: hashed assets with year-long immutable caching, pages with no-cache,
// and index.html for any other path outside /api/ so that client-side routes survive a reload.
#include "http/router.hpp"

namespace mmsgate {

void add_static_routes(Router& router);

}
