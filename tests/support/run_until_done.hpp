#pragma once
// Runs a coroutine to completion from a test's thread, on an io_context of its own.
#include "core/asio.hpp"

namespace mmsgate::testing {

// Returns (or throws) what `awaitable` does, once it and everything it started are done.
template <class T>
T run_until_done(Awaitable<T> awaitable)
{
    net::io_context io;
    auto future = net::co_spawn(io, std::move(awaitable), net::use_future);
    io.run();
    return future.get();
}

}
