// The status callback's signature check, as a delivery report with Plivo's usual fields exercises
// it. The signature is made by compute_signature_v3 (tested against Plivo's own vectors).
#include "plivo/signature.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace mmsgate;

constexpr char kAuthToken[] = "bench-auth-token-0123456789";
constexpr char kUrl[] = "https://mms.example.com/api/plivo/status";
constexpr char kNonce[] = "12345678901234567890";

FormFields delivery_report()
{
    return { { "From", "14155550100" }, { "To", "14155550111" }, { "MessageUUID", "0936ec98-7c4c-11ea-9b2d-0242ac110003" },
        { "Status", "delivered" }, { "Sequence", "3" }, { "Units", "1" }, { "TotalRate", "0.0160" },
        { "TotalAmount", "0.0160" }, { "MessageTime", "2026-11-25 18:10:35" }, { "ErrorCode", "" },
        { "MessageDirection", "outbound" }, { "MessageType", "mms" }, { "PowerpackUUID", "" }, { "ParentMessageUUID", "" },
        { "PartInfo", "1 of 1" }, { "MessageState", "delivered" }, { "QueuedTime", "2026-11-25 18:10:33" },
        { "SentTime", "2026-11-25 18:10:34" }, { "DeliveredTime", "2026-11-25 18:10:35" } };
}

void PlivoVerifyCallbackSignatureV3(benchmark::State& state)
{
    auto params = delivery_report();
    auto header = compute_signature_v3(kAuthToken, "POST", kUrl, params, kNonce);
    for (auto _ : state)
        benchmark::DoNotOptimize(verify_signature_v3(kAuthToken, "POST", kUrl, params, kNonce, header));
}
BENCHMARK(PlivoVerifyCallbackSignatureV3);

void PlivoVerifyCallbackSignatureV2(benchmark::State& state)
{
    auto header = compute_signature_v2(kAuthToken, kUrl, kNonce);
    for (auto _ : state)
        benchmark::DoNotOptimize(verify_signature_v2(kAuthToken, kUrl, kNonce, header));
}
BENCHMARK(PlivoVerifyCallbackSignatureV2);

}
