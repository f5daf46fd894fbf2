#include "auth/callback_url.hpp"

#include "core/url.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

// A byte that must never reach a header (CR, LF, NUL, any control) or that browsers strip or
// reinterpret before parsing (tab, space): such a candidate is refused whole, not cleaned up.
bool has_control_or_space(std::string_view text)
{
    return std::ranges::any_of(text, [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7f;
    });
}

}

std::string resolve_callback_url(std::string_view candidate, std::string_view origin)
{
    if (has_control_or_space(candidate))
        return std::string(origin);
    // next-auth's default is `url.startsWith("/")`; a protocol-relative "//host" (or "/\host", which
    // browsers read the same way) stays on our origin there too (it is appended), but it is never
    // what a same-site page means, so it falls back.
    if (candidate.starts_with('/') && !candidate.starts_with("//") && !candidate.starts_with("/\\"))
        return std::string(origin) + std::string(candidate);
    // Compared as browsers parse both (WHATWG URL rules: "http://evil.example\@host" is evil.example).
    auto candidate_origin = origin_of(candidate);
    if (candidate_origin && candidate_origin == origin_of(origin))
        return std::string(candidate);
    return std::string(origin);
}

}
