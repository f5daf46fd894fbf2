#include "webhooks/webhook_backoff.hpp"

#include <algorithm>
#include <random>

namespace mmsgate {

Millis webhook_retry_delay(int attempts, std::chrono::milliseconds first, std::chrono::milliseconds longest, double jitter_factor)
{
    auto doublings = std::clamp(attempts - 1, 0, 40);
    double base = double(first.count());
    for (int i = 0; i < doublings && base < double(longest.count()); ++i)
        base *= 2;
    base = std::min(base, double(longest.count()));
    return std::max<Millis>(1, Millis(base * jitter_factor));
}

double draw_webhook_jitter()
{
    thread_local std::mt19937 generator { std::random_device {}() };
    return std::uniform_real_distribution<double>(0.8, 1.2)(generator);
}

}
