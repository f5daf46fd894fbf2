#include "uploads/upload_routes.hpp"

#include "fetch/checked_fetch.hpp"
#include "http/response.hpp"
#include "plivo/multipart.hpp"
#include "uploads/fetch_pool.hpp"
#include "uploads/link_preflight.hpp"
#include "uploads/upload_intake.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxUrlLength = 2048;

// The one place upload refusals become answers (the status comes from http/status_mapping).
Response refusal_response(Error const& refusal)
{
    if (!refusal.detail.empty())
        spdlog::info("upload refused ({}): {}", refusal.message, refusal.detail);
    return error_response(refusal);
}

Response refused(std::string message, std::string field)
{
    return error_response(Error { ErrorCode::InvalidArgument, std::move(message), {}, std::move(field) });
}

Result<std::string> url_of(Request const& request)
{
    auto body = json::parse(request.message.body(), nullptr, false);
    if (!body.is_object() || !body.contains("url") || !body["url"].is_string())
        return std::unexpected(Error { ErrorCode::InvalidArgument, "Give {\"url\": \"https://…\"}", {}, "url" });
    auto url = body["url"].get<std::string>();
    if (url.empty() || url.size() > kMaxUrlLength)
        return std::unexpected(Error { ErrorCode::InvalidArgument, fmt::format("The URL must have 1 to {} characters", kMaxUrlLength), {}, "url" });
    return url;
}

std::string last_path_segment(std::string const& url)
{
    auto path = url.substr(0, url.find_first_of("?#"));
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

class UploadHandlers : public RouteHandlers<UploadRouteDependencies> {
public:
    using RouteHandlers::RouteHandlers;

    Awaitable<Response> upload(Request& request, AuthenticatedUser const& user)
    {
        auto parts = parse_multipart(request.header(http::field::content_type), request.message.body());
        if (!parts)
            co_return refused("Send the file as multipart/form-data in a field named \"file\"", "file");
        std::erase_if(*parts, [](MultipartPart const& part) { return part.name != "file"; });
        if (parts->size() != 1)
            co_return refused(
                parts->empty() ? "No file: send it in a field named \"file\"" : "One file per request: send each file on its own", "file");
        auto& part = parts->front();
        IncomingFile file { std::move(part.data), std::move(part.file_name), std::move(part.content_type), "upload" };
        co_return co_await answer_upload(user, std::move(file));
    }

    Awaitable<Response> from_url(Request& request, AuthenticatedUser const& user)
    {
        auto url = url_of(request);
        if (!url)
            co_return error_response(url.error());
        // Named, not temporaries inside the co_await: g++ 12 may destroy such temporaries twice.
        auto rules = link_fetch_rules(m.config.uploads, std::string(), false);
        auto fetch = co_await checked_fetch_off_thread(*url, std::move(rules));
        if (fetch.outcome == CheckedFetch::Outcome::TooLarge)
            co_return refusal_response(Error { ErrorCode::PayloadTooLarge,
                fmt::format("The file at that address is larger than {} MB", m.config.uploads.max_upload_bytes / 1048576),
                {}, "url" });
        if (fetch.outcome != CheckedFetch::Outcome::Fetched)
            co_return refused("The file could not be fetched: " + fetch.error, "url");
        IncomingFile file { std::move(fetch.bytes), last_path_segment(*url), fetch.content_type.value_or(""), "fetched" };
        co_return co_await answer_upload(user, std::move(file));
    }

    Awaitable<Response> preflight(Request& request, AuthenticatedUser const&)
    {
        auto url = url_of(request);
        if (!url)
            co_return error_response(url.error());
        std::string no_ca_bundle;
        auto verdict = co_await preflight_link(m.config.uploads, no_ca_bundle, *url);
        auto response = json_response(http::status::ok, verdict.to_json());
        set_no_store(response);
        co_return response;
    }

private:
    Awaitable<Response> answer_upload(AuthenticatedUser const& user, IncomingFile file)
    {
        auto answer = co_await take_upload(m.database, m.config.uploads, user.id, std::move(file));
        if (!answer)
            co_return refusal_response(answer.error());
        auto response = json_response(http::status::created, *answer);
        set_no_store(response);
        co_return response;
    }
};

}

void add_upload_routes(Router& router, UploadRouteDependencies dependencies)
{
    SignedInGroup<UploadHandlers> uploads(std::move(dependencies));
    router.add(http::verb::post, "/api/uploads", uploads.write(Permission::MessagesSend, &UploadHandlers::upload));
    router.add(http::verb::post, "/api/uploads/from-url", uploads.write(Permission::MessagesSend, &UploadHandlers::from_url));
    router.add(http::verb::post, "/api/media/preflight", uploads.write(Permission::MessagesSend, &UploadHandlers::preflight));
}

}
