#pragma once
// GET /api/openapi.json: the API description, public (no session), cacheable and revalidated by ETag.
#include "http/router.hpp"

namespace mmsgate {

void add_openapi_route(Router& router);

}
