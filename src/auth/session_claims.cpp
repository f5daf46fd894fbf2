#include "auth/session_claims.hpp"

namespace mmsgate {

namespace {

Claims nullable(std::optional<std::string> const& value) { return value ? Claims(*value) : Claims(nullptr); }

}

Claims session_claims_for(SessionUser const& user)
{
    Claims claims = Claims::object();
    claims["name"] = nullable(user.name);
    claims["email"] = nullable(user.email);
    claims["picture"] = nullable(user.image);
    claims["sub"] = user.id;
    claims["id"] = user.id;
    return claims;
}

nlohmann::ordered_json session_response_body(Claims const& token, Millis now, std::int64_t max_age_seconds)
{
    // JSON.stringify drops properties whose value is undefined: that is what a missing claim becomes.
    auto user = nlohmann::ordered_json::object();
    auto copy = [&](char const* from, char const* to) {
        if (auto claim = token.find(from); claim != token.end())
            user[to] = *claim;
    };
    copy("name", "name");
    copy("email", "email");
    copy("picture", "image");
    copy("id", "id");
    nlohmann::ordered_json body = nlohmann::ordered_json::object();
    body["user"] = std::move(user);
    body["expires"] = format_iso8601(now + max_age_seconds * 1000);
    return body;
}

std::optional<std::string> session_user_id(Claims const& token)
{
    for (auto const* name : { "id", "sub" }) {
        if (auto claim = token.find(name); claim != token.end() && claim->is_string() && !claim->get_ref<std::string const&>().empty())
            return claim->get<std::string>();
    }
    return std::nullopt;
}

}
