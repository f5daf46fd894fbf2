#include "team/request_body.hpp"

namespace mmsgate {

Result<nlohmann::json> json_object_body(Request const& request)
{
    if (!request.header(http::field::content_type).starts_with("application/json"))
        return fail(ErrorCode::InvalidArgument, "Content-Type must be application/json");
    auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
    if (!body.is_object())
        return fail(ErrorCode::InvalidArgument, "The body must be a JSON object");
    return body;
}

std::string text_member(nlohmann::json const& body, char const* name)
{
    auto found = body.find(name);
    return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}
