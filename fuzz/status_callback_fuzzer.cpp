// Plivo's delivery reports: the form body, the signature headers (V3, V2, main-account variants and
// nonces, chosen by the fuzzer) and the fields the callback handler reads. Property: what
// compute_signature_v3 / _v2 signs for any URL, nonce and body is accepted, and that exact
// signature is refused under another auth token.
#include "core/encoding.hpp"
#include "fuzz_check.hpp"
#include "messaging/message.hpp"
#include "messaging/reports/status_callback_handler.hpp"
#include "plivo/signature.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace mmsgate;

namespace {

constexpr char kAuthToken[] = "fuzz-plivo-auth-token";
constexpr std::array kHeaders { kSignatureV3Header, kSignatureMainAccountV3Header, kSignatureV3NonceHeader,
    kSignatureV2Header, kSignatureMainAccountV2Header, kSignatureV2NonceHeader };

Request report(http::verb method, std::string const& target, std::string body)
{
    Request request;
    request.message.method(method);
    request.message.target(target);
    request.message.body() = std::move(body);
    return request;
}

}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    FuzzedDataProvider provider(data, size);
    auto method = provider.ConsumeBool() ? http::verb::post : http::verb::get;
    auto target = "/api/plivo/status" + provider.ConsumeRandomLengthString(256);
    auto url = "https://mmsgate.example" + target;
    auto nonce = provider.ConsumeRandomLengthString(64);

    // Headers as an attacker sends them (Beast keeps any bytes in a value it is handed).
    auto request = report(method, target, {});
    auto header_count = provider.ConsumeIntegralInRange(0, 4);
    for (int i = 0; i < header_count; ++i) {
        auto name = provider.PickValueInArray(kHeaders);
        request.message.set(name, provider.ConsumeRandomLengthString(128));
    }
    request.message.body() = provider.ConsumeRemainingBytesAsString();
    auto params = method == http::verb::post ? parse_form(request.message.body()) : parse_form(request.query());
    (void)plivo_signature_of(request, url, params, kAuthToken);
    (void)parse_message_state(form_value(params, "Status").value_or(""));

    auto method_name = std::string(http::to_string(method));
    auto signed_v3 = report(method, target, request.message.body());
    signed_v3.message.set(kSignatureV3NonceHeader, nonce);
    // Beast trims a header value's surrounding whitespace, as its parser does on the wire: the nonce
    // Plivo can send is the trimmed one.
    nonce = std::string(signed_v3.header(kSignatureV3NonceHeader));
    signed_v3.message.set(kSignatureV3Header, compute_signature_v3(kAuthToken, method_name, url, params, nonce));
    if (!nonce.empty()) {
        fuzz::check(plivo_signature_of(signed_v3, url, params, kAuthToken).has_value(), "a V3 signature we computed is accepted");
        fuzz::check(!plivo_signature_of(signed_v3, url, params, "another-token").has_value(), "a V3 signature under another token is refused");
    }
    auto signed_v2 = report(method, target, request.message.body());
    signed_v2.message.set(kSignatureV2NonceHeader, nonce);
    signed_v2.message.set(kSignatureV2Header, compute_signature_v2(kAuthToken, url, nonce));
    if (!nonce.empty())
        fuzz::check(!plivo_signature_of(signed_v2, url, params, "another-token").has_value(), "a V2 signature under another token is refused");
    return 0;
}
