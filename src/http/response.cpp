#include "http/response.hpp"

#include "http/status_mapping.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

Response json_response(http::status status, nlohmann::json const& body)
{
    return text_response(status, json_text(body), "application/json");
}

std::string json_text(nlohmann::json const& value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response text_response(http::status status, std::string body, std::string_view content_type)
{
    Response response { status, 11 };
    response.set(http::field::content_type, beast::string_view(content_type.data(), content_type.size()));
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

namespace {

Response error_with_status(http::status status, std::string_view message, std::string_view field)
{
    nlohmann::json body = { { "success", false }, { "error", message } };
    if (!field.empty())
        body["field"] = field;
    auto response = json_response(status, body);
    set_no_store(response);
    return response;
}

}

Response error_response(Error const& error)
{
    return error_with_status(http_status_for(error.code), error.message, error.field);
}

Response error_response(ErrorCode code, std::string_view message, std::string_view field)
{
    return error_with_status(http_status_for(code), message, field);
}

Response error_response(ProtocolError error, std::string_view message)
{
    return error_with_status(http_status_for(error), message, {});
}

Response redirect_response(std::string_view location)
{
    Response response { http::status::found, 11 };
    response.set(http::field::location, beast::string_view(location.data(), location.size()));
    response.prepare_payload();
    return response;
}

void set_no_store(Response& response)
{
    response.set(http::field::cache_control, "private, no-cache, no-store");
    response.set(http::field::pragma, "no-cache");
    response.set(http::field::expires, "0");
}

bool is_safe_header_value(std::string_view value)
{
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::optional<std::string> find_unsafe_header(Response const& response)
{
    for (auto const& field : response) {
        std::string_view name(field.name_string().data(), field.name_string().size());
        std::string_view value(field.value().data(), field.value().size());
        if (!is_safe_header_value(name) || !is_safe_header_value(value) || name.find(':') != std::string_view::npos)
            return std::string(name.substr(0, std::min<std::size_t>(name.find_first_of(std::string_view("\r\n\0:", 4)), 64)));
    }
    return std::nullopt;
}

}
