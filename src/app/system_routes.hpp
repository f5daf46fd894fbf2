#pragma once
// GET /healthz (the process answers), GET /readyz (and its database does), GET /api/status.
#include "config/config.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace mmsgate {

void add_system_routes(Router& router, Config const& config, Database& database);

}
