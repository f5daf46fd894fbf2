#pragma once
// For tests where time itself is what is tested: session issue times are whole seconds, and a
// password or role change ends only the sessions issued in an earlier second.
#include <chrono>
#include <thread>

namespace mmsgate::testing {

// Returns once the system clock is in a later whole second than when it was called.
inline void wait_for_the_next_whole_second()
{
    auto next = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + std::chrono::seconds(1);
    std::this_thread::sleep_until(next + std::chrono::milliseconds(10));
}

}
