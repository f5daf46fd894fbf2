#pragma once
// Shortcuts into tests/vectors/nextauth-vectors.json for the auth tests.
#include "support/vectors.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>
#include <string>

namespace mmsgate::testing {

inline std::string const& vector_secret() { return nextauth_vectors().at("secret").get_ref<std::string const&>(); }

// One step of a recorded HTTP transcript, e.g. transcript_step("http_flow_seed_config_app_router", "signout").
inline nlohmann::json const& transcript_step(std::string const& flow, std::string const& name)
{
    for (auto const& step : nextauth_vectors().at("v4").at(flow)) {
        if (step.at("name") == name)
            return step;
    }
    throw std::out_of_range("no transcript step " + flow + "/" + name);
}

// The value of the first Set-Cookie named `name` in a transcript step (still percent-encoded).
inline std::string set_cookie_value(nlohmann::json const& step, std::string const& name)
{
    for (auto const& header : step.at("response").at("set_cookie")) {
        auto text = header.get<std::string>();
        if (text.starts_with(name + "="))
            return text.substr(name.size() + 1, text.find(';') - name.size() - 1);
    }
    throw std::out_of_range("no Set-Cookie " + name);
}

// "n=v; A; B" -> {"n=v", "A", "B"}: the transcripts' attribute order is the cookie package's, not a contract.
inline std::multiset<std::string> set_cookie_parts(std::string const& header)
{
    std::multiset<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto end = header.find("; ", start);
        parts.insert(header.substr(start, end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 2;
    }
}

}
