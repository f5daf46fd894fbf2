// The per-request cost of a NextAuth session check: read the cookie, decode the token, re-encode it
// (sliding expiry), verify the CSRF cookie. Each must stay in the microseconds. Linked into
// bench/CMakeLists.txt's single mmsgate_microbench executable (its main comes from benchmark_main).
#include "auth/cookies.hpp"
#include "auth/csrf.hpp"
#include "auth/session_claims.hpp"
#include "auth/session_cookie.hpp"
#include "auth/session_token.hpp"
#include "core/encoding.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace mmsgate;

constexpr std::int64_t kNow = 1795630466;
constexpr char const* kSecret = "benchmark-secret-0123456789abcdef0123456789";

SessionTokenCodec const& codec()
{
    static SessionTokenCodec const instance(kSecret);
    return instance;
}

std::string const& seed_token()
{
    static std::string const token = codec().encode(
        session_claims_for(SessionUser { "clx0user0000000000000001", "Alice Example", "alice@example.com", std::nullopt }),
        kNow, kSessionMaxAgeSeconds);
    return token;
}

std::string const& cookie_header()
{
    static std::string const header = "next-auth.csrf-token=" + url_encode_component(mint_csrf(kSecret).cookie_value)
        + "; next-auth.callback-url=http%3A%2F%2Flocalhost%3A3400%2Fdashboard; next-auth.session-token=" + seed_token();
    return header;
}

void AuthDecodeSessionToken(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(codec().decode(seed_token(), kNow));
}
BENCHMARK(AuthDecodeSessionToken);

void AuthEncodeSessionToken(benchmark::State& state)
{
    auto claims = *codec().decode(seed_token(), kNow);
    for (auto _ : state)
        benchmark::DoNotOptimize(codec().encode(claims, kNow, kSessionMaxAgeSeconds));
}
BENCHMARK(AuthEncodeSessionToken);

// What GET /api/auth/session does: cookies -> token -> claims -> new token + cookies + body.
void AuthSessionRefresh(benchmark::State& state)
{
    auto attributes = nextauth_cookie_attributes(CookieSecurity::Plain);
    for (auto _ : state) {
        auto cookies = parse_cookie_header(cookie_header());
        auto token = read_session_token(cookies, "next-auth.session-token");
        auto claims = codec().decode(token, kNow);
        auto fresh = codec().encode(*claims, kNow, kSessionMaxAgeSeconds);
        auto set_cookies = write_session_token(cookies, "next-auth.session-token", fresh, attributes, kNow * 1000);
        auto body = session_response_body(*claims, kNow * 1000, kSessionMaxAgeSeconds);
        benchmark::DoNotOptimize(set_cookies.front().header_value());
        benchmark::DoNotOptimize(body);
    }
}
BENCHMARK(AuthSessionRefresh);

void AuthParseCookieHeader(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_cookie_header(cookie_header()));
}
BENCHMARK(AuthParseCookieHeader);

// The same cookie again and again: a browser's case, answered from the thread's last verification.
void AuthVerifyCsrfCookie(benchmark::State& state)
{
    auto value = mint_csrf(kSecret).cookie_value;
    for (auto _ : state)
        benchmark::DoNotOptimize(verified_csrf_token(value, kSecret));
}
BENCHMARK(AuthVerifyCsrfCookie);

// Two cookies in turn: every check hashes (SHA-256 of token and secret).
void AuthVerifyAlternatingCsrfCookies(benchmark::State& state)
{
    std::string values[] = { mint_csrf(kSecret).cookie_value, mint_csrf(kSecret).cookie_value };
    std::size_t turn = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(verified_csrf_token(values[turn++ % 2], kSecret));
}
BENCHMARK(AuthVerifyAlternatingCsrfCookies);

void AuthDecodeRejectsForeignToken(benchmark::State& state)
{
    SessionTokenCodec other("some-other-secret");
    auto foreign = other.encode(Claims::object(), kNow, 60);
    for (auto _ : state)
        benchmark::DoNotOptimize(codec().decode(foreign, kNow));
}
BENCHMARK(AuthDecodeRejectsForeignToken);

}
