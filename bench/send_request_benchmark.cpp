// What validating one POST /api/send-mms costs before anything is sent: JSON parsing, phone numbers
// through libphonenumber, and media URL checks.
#include "messaging/phone_number.hpp"
#include "messaging/send/send_request.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

void BM_ParseTypicalSendRequest(benchmark::State& state)
{
    std::string body = R"({"to": "(415) 555-0100", "text": "Here is the photo from Saturday!",
        "mediaUrls": ["https://example.com/photos/2024/saturday.jpg"]})";
    for (auto _ : state)
        benchmark::DoNotOptimize(mmsgate::parse_send_request(body));
}
BENCHMARK(BM_ParseTypicalSendRequest);

void BM_ParseFiftyRecipientsTenMedia(benchmark::State& state)
{
    std::string body = R"({"text": "Team update", "to": [)";
    for (int i = 0; i < 50; ++i)
        body += (i ? ", " : "") + std::string("\"+1 415 555 01") + char('0' + i / 10) + char('0' + i % 10) + "\"";
    body += R"(], "mediaUrls": [)";
    for (int i = 0; i < 10; ++i)
        body += (i ? ", " : "") + std::string("\"https://example.com/") + char('0' + i) + ".jpg\"";
    body += "]}";
    for (auto _ : state)
        benchmark::DoNotOptimize(mmsgate::parse_send_request(body));
}
BENCHMARK(BM_ParseFiftyRecipientsTenMedia);

void BM_NormalizeRecipient(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(mmsgate::normalize_recipient("+1 (415) 555-0100"));
}
BENCHMARK(BM_NormalizeRecipient);

void BM_RejectForeignRecipient(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(mmsgate::normalize_recipient("+44 20 7946 0958"));
}
BENCHMARK(BM_RejectForeignRecipient);

}
