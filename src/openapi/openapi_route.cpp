#include "openapi/openapi_route.hpp"

#include "http/response.hpp"
#include "openapi/openapi_document.hpp"

namespace mmsgate {

namespace {

// Public and shared-cacheable, but revalidated: a new binary serves a new document at once.
constexpr char kCacheControl[] = "public, no-cache";

Awaitable<Response> serve_openapi(Request& request)
{
    auto etag = std::string(openapi_etag());
    if (request.header("If-None-Match") == etag) {
        Response not_modified { http::status::not_modified, 11 };
        not_modified.set(http::field::cache_control, kCacheControl);
        not_modified.set(http::field::etag, etag);
        co_return not_modified;
    }
    auto response = text_response(http::status::ok, std::string(openapi_json()), "application/json");
    response.set(http::field::cache_control, kCacheControl);
    response.set(http::field::etag, etag);
    co_return response;
}

}

void add_openapi_route(Router& router)
{
    router.add(http::verb::get, "/api/openapi.json", serve_openapi);
}

}
