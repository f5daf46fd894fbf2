#pragma once
// Where NextAuth v4 may send the browser after sign-in or sign-out: its default `redirect` callback.
// Open redirects to other sites are impossible by construction: the result always starts with `origin`.
#include <string>
#include <string_view>

namespace mmsgate {

// `origin` is the origin of NEXTAUTH_URL ("http://localhost:3400", no trailing slash). A path starting
// with one '/' becomes origin + path; an absolute http(s) URL with the same origin is kept as given;
// anything else ("//evil.example", other hosts, javascript:, garbage) becomes origin.
[[nodiscard]] std::string resolve_callback_url(std::string_view candidate, std::string_view origin);

}
