#include "auth/session_claims.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

Claims nullable(std::optional<std::string> const& value) { return value ? Claims(*value) : Claims(nullptr); }

// As serialize_claims writes a value; plain ASCII strings (the usual name, email and id) are copied.
void append_json_value(std::string& out, Claims const& value)
{
    if (value.is_null()) {
        out += "null";
        return;
    }
    if (value.is_string()) {
        auto const& text = value.get_ref<std::string const&>();
        bool plain = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
        if (plain) {
            out += '"';
            out += text;
            out += '"';
            return;
        }
    }
    out += serialize_claims(value);
}

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

std::string session_response_body(Claims const& token, Millis now, std::int64_t max_age_seconds, std::string_view role)
{
    // Written directly rather than through a JSON document: this runs on every session check.
    std::string body = "{\"user\":{";
    bool first = true;
    auto copy = [&](std::string_view from, std::string_view to) {
        // JSON.stringify drops properties whose value is undefined: that is what a missing claim becomes.
        auto claim = token.find(from);
        if (claim == token.end())
            return;
        if (!first)
            body += ',';
        first = false;
        body += '"';
        body += to;
        body += "\":";
        append_json_value(body, *claim);
    };
    copy("name", "name");
    copy("email", "email");
    copy("picture", "image");
    copy("id", "id");
    if (!role.empty()) {
        if (!first)
            body += ',';
        body += "\"role\":\"";
        body += role;
        body += '"';
    }
    body += "},\"expires\":\"";
    body += format_iso8601(now + max_age_seconds * 1000);
    body += "\"}";
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
