#pragma once
// POST /api/uploads (multipart/form-data, one part named "file"), POST /api/uploads/from-url and
// POST /api/media/preflight ({"url"}): signed-in senders (Permission::MessagesSend), same-origin.
// Shapes are in docs/openapi.yaml.
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"

namespace mmsgate {

using UploadRouteDependencies = SignedInRouteDependencies;

void add_upload_routes(Router& router, UploadRouteDependencies dependencies);

}
