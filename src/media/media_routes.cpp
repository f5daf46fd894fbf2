#include "media/media_routes.hpp"

#include "http/response.hpp"
#include "media/media_repository.hpp"
#include "media/media_type.hpp"

namespace mmsgate {

namespace {

Awaitable<Response> serve_media(MediaRouteDependencies const& m, Request& request)
{
    auto user = co_await m.authenticate(request);
    if (!user)
        co_return authentication_failure(user.error());
    auto id = std::string(request.path_parameter("id"));
    auto found = co_await m.database.read<std::optional<MediaRecord>>([&](SqlConnection& connection) { return find_media(connection, id); });
    if (!found)
        co_return error_response(http::status::service_unavailable, "The database is unavailable, try again shortly");
    if (!*found)
        co_return error_response(http::status::not_found, "No such media");
    auto& media = **found;
    bool inline_image = is_raster_image(media.content_type);
    auto response = text_response(http::status::ok, std::move(media.data), inline_image ? media.content_type : "application/octet-stream");
    if (!inline_image)
        response.set(http::field::content_disposition, "attachment; filename=\"media-" + media.id + "\"");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Content-Security-Policy", "default-src 'none'; sandbox");
    // Immutable content behind a session: browsers may keep it, shared caches must not.
    response.set(http::field::cache_control, "private, max-age=86400, immutable");
    response.set(http::field::etag, "\"" + media.sha256 + "\"");
    co_return response;
}

}

void add_media_routes(Router& router, MediaRouteDependencies dependencies)
{
    auto shared = std::make_shared<MediaRouteDependencies>(std::move(dependencies));
    router.add(http::verb::get, "/api/media/{id}", [shared](Request& request) { return serve_media(*shared, request); });
}

}
