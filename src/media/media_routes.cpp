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
    if (!user->may(Permission::MessagesRead))
        co_return error_response(permission_refused(Permission::MessagesRead));
    auto id = std::string(request.path_parameter("id"));
    auto found = co_await m.database.read<std::optional<MediaRecord>>([&](SqlConnection& connection) { return find_media(connection, id); });
    if (!found)
        co_return error_response(ErrorCode::Unavailable, kDatabaseUnavailable);
    if (!*found)
        co_return error_response(ErrorCode::NotFound, "No such media");
    auto& media = **found;
    auto etag = "\"" + media.sha256 + "\"";
    // Revalidated on every use (no-cache), so nothing stays usable in a shared computer's cache
    // after sign-out; an unchanged picture costs a 304 only.
    auto const* kCacheControl = "private, no-cache";
    if (request.header("If-None-Match") == etag) {
        Response not_modified { http::status::not_modified, 11 };
        not_modified.set(http::field::cache_control, kCacheControl);
        not_modified.set(http::field::etag, etag);
        co_return not_modified;
    }
    bool inline_image = is_raster_image(media.content_type);
    auto response = text_response(http::status::ok, std::move(media.data), inline_image ? media.content_type : "application/octet-stream");
    if (!inline_image)
        response.set(http::field::content_disposition, "attachment; filename=\"media-" + media.id + "\"");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Content-Security-Policy", "default-src 'none'; sandbox");
    response.set(http::field::cache_control, kCacheControl);
    response.set(http::field::etag, etag);
    co_return response;
}

}

void add_media_routes(Router& router, MediaRouteDependencies dependencies)
{
    auto shared = std::make_shared<MediaRouteDependencies>(std::move(dependencies));
    router.add(http::verb::get, "/api/media/{id}", [shared](Request& request) { return serve_media(*shared, request); });
}

}
