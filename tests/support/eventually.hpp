#pragma once
// Waiting for concurrent work without a sleep that guesses how long it takes.
#include <chrono>
#include <thread>

namespace mmsgate::testing {

// Polls until `predicate` holds or `timeout` passes; asks once more at the deadline.
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = std::chrono::seconds(20),
    std::chrono::milliseconds interval = std::chrono::milliseconds(100))
{
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate())
            return true;
        std::this_thread::sleep_for(interval);
    }
    return predicate();
}

}
