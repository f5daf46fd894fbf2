// The Cookie header and what is read from it: NextAuth's session token (chunked cookies, compact
// JWE, claims) and the CSRF cookie. Decoding garbage stops at the JWE's header or tag, so the
// fuzzer also chooses claims that are sealed under the real key to reach the claims checks.
// Property: a sealed token written as Set-Cookie (whole or in chunks) reads back unchanged.
#include "auth/cookies.hpp"
#include "auth/csrf.hpp"
#include "auth/session_cookie.hpp"
#include "auth/session_token.hpp"
#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>

using namespace mmsgate;

namespace {

constexpr char kSecret[] = "fuzz-nextauth-secret-0123456789abcdef0123456789abcdef";
constexpr char kCookieName[] = "next-auth.session-token";
constexpr std::int64_t kNow = 1'780'000'000;

std::string cookie_header_for(std::vector<SetCookie> const& set_cookies)
{
    std::string header;
    for (auto const& cookie : set_cookies) {
        if (cookie.attributes.max_age_seconds == 0)
            continue; // a deletion: the browser drops it
        auto value = cookie.header_value();
        header += (header.empty() ? "" : "; ") + value.substr(0, value.find(';'));
    }
    return header;
}

}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    static SessionTokenCodec const codec(kSecret);
    FuzzedDataProvider provider(data, size);

    auto cookies = parse_cookie_header(provider.ConsumeRandomLengthString());
    auto token = read_session_token(cookies, kCookieName);
    (void)codec.decode(token, kNow);
    if (auto csrf = find_cookie(cookies, "next-auth.csrf-token"))
        (void)verified_csrf_token(*csrf, kSecret);

    auto sealed = codec.encrypt(provider.ConsumeRandomLengthString(), std::string(12, '\x07'));
    (void)codec.decode(sealed, kNow);

    auto written = write_session_token(cookies, kCookieName, sealed, nextauth_cookie_attributes(CookieSecurity::Plain),
        (kNow + kSessionMaxAgeSeconds) * 1000);
    auto read_back = read_session_token(parse_cookie_header(cookie_header_for(written)), kCookieName);
    fuzz::check(read_back == sealed, "a written session token reads back unchanged");
    return 0;
}
