// The load test of issue 15's receiving side (scripts/bench runs it): signed incoming messages at
// a fixed rate (open loop: a late answer never slows the next request down) to a running mmsgate's
// /api/plivo/inbound, every 10th one a redelivery of an earlier MessageUUID with a fresh nonce, as
// Plivo's retries are. Answer times are measured from each request's scheduled moment (so a queue
// in the client counts against the server, not for it). Prints one line:
//   BENCH_INBOUND requests=… unique=… ok=… errors=… p50_ms=… p99_ms=… max_ms=… rate=…
// The caller checks that exactly `unique` messages with the printed prefix were stored.
#include "core/encoding.hpp"
#include "plivo/http_client.hpp"
#include "plivo/signature.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace mmsgate;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string url;
    std::string auth_token;
    std::string prefix = "bench";
    int rate = 1000;
    int seconds = 10;
};

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string name = argv[i];
        std::string value = argv[i + 1];
        if (name == "--url")
            options.url = value;
        else if (name == "--auth-token")
            options.auth_token = value;
        else if (name == "--prefix")
            options.prefix = value;
        else if (name == "--rate")
            options.rate = std::stoi(value);
        else if (name == "--seconds")
            options.seconds = std::stoi(value);
    }
    if (options.url.empty() || options.auth_token.empty()) {
        std::cerr << "usage: mmsgate_inbound_load --url http://127.0.0.1:PORT/api/plivo/inbound --auth-token T "
                     "[--rate 1000] [--seconds 10] [--prefix bench]\n";
        std::exit(2);
    }
    return options;
}

HttpRequest signed_request(Options const& options, std::string const& uuid, int number)
{
    FormFields params { { "From", fmt::format("1415555{:04}", number % 10000) }, { "To", "14155550100" }, { "Type", "sms" },
        { "Text", fmt::format("load test message {}", number) }, { "MessageUUID", uuid }, { "Units", "1" },
        { "TotalRate", "0.0000" }, { "TotalAmount", "0.0000" }, { "MessageIntent", "" }, { "PowerpackUUID", "" },
        { "MediaCount", "0" } };
    HttpRequest request("POST", options.url);
    request.body = encode_form(params);
    auto nonce = new_signature_nonce();
    request.headers = { { "Content-Type", "application/x-www-form-urlencoded" },
        { kSignatureV3Header, compute_signature_v3(options.auth_token, "POST", options.url, params, nonce) },
        { kSignatureV3NonceHeader, nonce } };
    return request;
}

double percentile(std::vector<double> sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    auto index = std::min(sorted.size() - 1, std::size_t(fraction * double(sorted.size())));
    return sorted[index];
}

}

int main(int argc, char** argv)
{
    auto options = parse(argc, argv);
    auto total = options.rate * options.seconds;
    // Signing costs time: every request is built before the clock starts.
    std::vector<HttpRequest> requests;
    requests.reserve(std::size_t(total));
    int unique = 0;
    for (int i = 0; i < total; ++i) {
        bool redelivery = i % 10 == 9;
        auto number = redelivery ? i - 5 : i;
        if (!redelivery)
            ++unique;
        requests.push_back(signed_request(options, fmt::format("{}-{:08}", options.prefix, number), number));
    }

    HttpClientSettings settings;
    settings.max_host_connections = 256;
    settings.total_timeout = std::chrono::seconds(30);
    HttpClient client(settings);
    std::mutex mutex;
    std::condition_variable finished;
    std::vector<double> latencies;
    latencies.reserve(std::size_t(total));
    int ok = 0;
    int errors = 0;
    int done = 0;

    auto start = Clock::now();
    auto interval = std::chrono::nanoseconds(1'000'000'000LL / options.rate);
    for (int i = 0; i < total; ++i) {
        auto scheduled = start + interval * i;
        std::this_thread::sleep_until(scheduled);
        client.submit(std::move(requests[std::size_t(i)]), [&, scheduled](HttpOutcome outcome) {
            auto milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - scheduled).count();
            std::lock_guard lock(mutex);
            latencies.push_back(milliseconds);
            if (outcome && outcome->status == 200)
                ++ok;
            else
                ++errors;
            if (++done == total)
                finished.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return done == total; });
    }
    auto elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    client.stop();
    std::ranges::sort(latencies);
    fmt::print("BENCH_INBOUND requests={} unique={} ok={} errors={} p50_ms={:.2f} p99_ms={:.2f} max_ms={:.2f} rate={:.0f}\n", total,
        unique, ok, errors, percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.empty() ? 0.0 : latencies.back(),
        double(total) / elapsed);
    return errors == 0 ? 0 : 1;
}
