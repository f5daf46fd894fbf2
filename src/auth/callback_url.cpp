#include "auth/callback_url.hpp"

#include "core/url.hpp"

namespace mmsgate {

namespace {

// new URL(x).origin, for http(s): lower-case scheme and host, default port dropped.
std::optional<std::string> normalized_origin(std::string_view url)
{
    auto parsed = parse_http_url(url);
    if (!parsed)
        return std::nullopt;
    if (parsed->port && *parsed->port == (parsed->scheme == "https" ? 443 : 80))
        parsed->port.reset();
    return parsed->origin();
}

}

std::string resolve_callback_url(std::string_view candidate, std::string_view origin)
{
    // next-auth's default is `url.startsWith("/")`; a protocol-relative "//host" stays on our origin
    // there too (it is appended), but it is never what a same-site page means, so it falls back.
    if (candidate.starts_with('/') && !candidate.starts_with("//"))
        return std::string(origin) + std::string(candidate);
    auto candidate_origin = normalized_origin(candidate);
    if (candidate_origin && candidate_origin == normalized_origin(origin))
        return std::string(candidate);
    return std::string(origin);
}

}
