#pragma once
// checked_fetch blocks for up to its time limit, so it runs on a small pool of its own: a slow host
// holds one of these threads, never an I/O thread nor the CPU pool that fits images and checks
// passwords.
#include "core/asio.hpp"
#include "fetch/checked_fetch.hpp"

namespace mmsgate {

[[nodiscard]] Awaitable<CheckedFetch> checked_fetch_off_thread(std::string url, CheckedFetchRules rules);

}
