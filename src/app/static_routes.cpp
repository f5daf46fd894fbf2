#include "app/static_routes.hpp"

#include "http/response.hpp"
#include "web_assets/web_assets.hpp"

#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <array>

namespace mmsgate {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kContentTypes { {
    { "html", "text/html; charset=utf-8" },
    { "js", "text/javascript; charset=utf-8" },
    { "mjs", "text/javascript; charset=utf-8" },
    { "css", "text/css; charset=utf-8" },
    { "svg", "image/svg+xml" },
    { "png", "image/png" },
    { "ico", "image/x-icon" },
    { "json", "application/json" },
    { "webmanifest", "application/json" },
    { "woff2", "font/woff2" },
    { "txt", "text/plain; charset=utf-8" },
} };

std::string_view content_type_for(std::string_view path)
{
    auto dot = path.rfind('.');
    auto extension = dot == std::string_view::npos ? std::string_view {} : path.substr(dot + 1);
    for (auto const& [known, content_type] : kContentTypes)
        if (extension == known)
            return content_type;
    return "application/octet-stream";
}

bool accepts_gzip(Request const& request)
{
    return request.header(http::field::accept_encoding).find("gzip") != std::string_view::npos;
}

Response asset_response(Request const& request, EmbeddedAsset const& asset, bool immutable)
{
    bool gzip = !asset.gzip_data.empty() && accepts_gzip(request);
    auto response = text_response(http::status::ok, std::string(gzip ? asset.gzip_data : asset.data), content_type_for(asset.path));
    if (gzip)
        response.set(http::field::content_encoding, "gzip");
    response.set(http::field::vary, "Accept-Encoding");
    response.set(http::field::cache_control, immutable ? "public, max-age=31536000, immutable" : "no-cache");
    response.set("X-Content-Type-Options", "nosniff");
    if (!immutable) {
        response.set("X-Frame-Options", "DENY");
        response.set("Referrer-Policy", "same-origin");
        response.set("Content-Security-Policy",
            "default-src 'self'; img-src * data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'");
    }
    return response;
}

}

// The web UI's client-side routes (web/src/config/paths.ts: add a page there, add it here). Any
// other path still gets the app, which shows its "Page not found" inside the layout, but answers
// 404 so links checkers and scripts see what a person sees.
bool is_app_route(std::string_view path)
{
    static constexpr std::array<std::string_view, 13> kRoutes { "/", "/index.html", "/login", "/setup", "/send-mms", "/messages",
        "/conversations", "/settings", "/settings/users", "/settings/audit", "/settings/webhooks", "/settings/keys",
        "/settings/suppressions" };
    if (std::ranges::find(kRoutes, path) != kRoutes.end())
        return true;
    // Pages of one record: /messages/{id}, /conversations/{id}, and one-time links (one path segment).
    for (std::string_view prefix : { std::string_view("/messages/"), std::string_view("/conversations/"), std::string_view("/invite/"),
             std::string_view("/reset-password/") }) {
        if (!path.starts_with(prefix))
            continue;
        auto id = path.substr(prefix.size());
        return !id.empty() && id.find('/') == std::string_view::npos;
    }
    return false;
}

namespace {

Awaitable<Response> serve_static(Request& request)
{
    auto path = request.path();
    if (path.starts_with("/api/") || path == "/api")
        co_return error_response(ErrorCode::NotFound, kNotFound);
    if (request.message.method() != http::verb::get && request.message.method() != http::verb::head) {
        auto response = error_response(ProtocolError::MethodNotAllowed, kMethodNotAllowed);
        response.set(http::field::allow, "GET, HEAD");
        co_return response;
    }
    if (path != "/" && path != "/index.html") {
        if (auto asset = find_embedded_asset(path))
            co_return asset_response(request, *asset, path.starts_with("/assets/"));
        // A missing file is a 404; a client-side route (no extension) gets the app.
        if (path.starts_with("/assets/") || path.substr(path.rfind('/')).find('.') != std::string_view::npos)
            co_return error_response(ErrorCode::NotFound, kNotFound);
    }
    if (auto index = find_embedded_asset("/index.html")) {
        auto response = asset_response(request, *index, false);
        if (!is_app_route(path))
            response.result(http::status::not_found);
        co_return response;
    }
    co_return text_response(http::status::ok,
        "<!doctype html><title>mmsgate</title><p>The web UI was not built into this binary; the API is at /api/.",
        "text/html; charset=utf-8");
}

}

void add_static_routes(Router& router)
{
    router.set_fallback([](Request& request) { return serve_static(request); });
}

}
