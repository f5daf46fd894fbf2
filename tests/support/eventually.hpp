#pragma once
// Waiting for concurrent work without a sleep that guesses how long it takes.
#include <chrono>
#include <thread>

namespace mmsgate::testing {

// Polls until `predicate` holds or `timeout` passes.
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = std::chrono::seconds(20))
{
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return predicate();
}

}
