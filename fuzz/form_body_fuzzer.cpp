// application/x-www-form-urlencoded bodies (login, sign-out, Plivo's callbacks) and the fields auth
// reads from them. Properties: encoding the parsed fields and parsing again gives the same fields;
// a callbackUrl always resolves to a URL on our own origin (no open redirect).
#include "auth/callback_url.hpp"
#include "auth/csrf.hpp"
#include "core/encoding.hpp"
#include "core/url.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mmsgate;

namespace {

constexpr std::string_view kOrigin = "http://127.0.0.1:3000";

// Judged as a browser reads the URL (WHATWG rules), not by its text: next-auth hands back a same-origin
// URL as it was written, so "HTTP://127.0.0.1:3000/x" is a correct answer.
bool on_origin(std::string_view url)
{
    return origin_of(url) == std::string(kOrigin);
}

}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view body(reinterpret_cast<char const*>(data), size);
    auto fields = parse_form(body);
    fuzz::check(parse_form(encode_form(fields)) == fields, "form fields survive encoding and parsing");
    (void)url_decode(body, PlusIsSpace::No);

    if (auto callback = form_value(fields, "callbackUrl"))
        fuzz::check(on_origin(resolve_callback_url(*callback, kOrigin)), "a callbackUrl resolves on our origin");
    if (auto csrf = form_value(fields, "csrfToken"))
        (void)csrf_matches(form_value(fields, "cookieToken").value_or(""), *csrf);
    return 0;
}
