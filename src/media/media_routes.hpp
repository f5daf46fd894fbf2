#pragma once
// GET /api/media/{id}: a stored media file for signed-in users. A raster image is served with its
// sniffed type; anything else as application/octet-stream and a download. Always nosniff and a
// sandboxing CSP, so no file (an SVG, an HTML page) can ever run as a page of mmsgate.
#include "auth/authenticated_user.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace mmsgate {

struct MediaRouteDependencies {
    Database& database;
    Authenticate authenticate;
};

void add_media_routes(Router& router, MediaRouteDependencies dependencies);

}
