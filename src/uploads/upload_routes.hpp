#pragma once
// POST /api/uploads (multipart/form-data, one part named "file"), POST /api/uploads/from-url and
// POST /api/media/preflight ({"url"}): signed-in senders (Permission::MessagesSend), same-origin.
// Shapes are in docs/openapi.yaml.
#include "auth/authenticated_user.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace mmsgate {

struct UploadRouteDependencies {
    Database& database;
    Authenticate authenticate;
    Config const& config; // must outlive the routes
};

void add_upload_routes(Router& router, UploadRouteDependencies dependencies);

}
