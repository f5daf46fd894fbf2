#pragma once
// bcrypt is slow on purpose, so it runs on a small pool of its own: a burst of logins queues there
// instead of taking the I/O threads from every other request. The queue is bounded (a few jobs per
// thread, well under a second of work): a login storm gets "busy" answers at once rather than
// making every real login wait behind it.
#include "auth/password.hpp"
#include "core/asio.hpp"
#include "core/error.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace mmsgate {

// How much bcrypt work may wait per pool thread before check_password_off_thread answers busy
// (MMSGATE_LOGIN_QUEUE_MS; 1 s unless set). Call once at start-up.
void set_password_queue_budget(std::chrono::milliseconds queued_work_per_thread);

// check_password on the pool. ResourceExhausted when the pool already has as much work as it may
// queue (answer 429 and retry later); Internal if the check threw.
[[nodiscard]] Awaitable<Result<PasswordCheck>> check_password_off_thread(
    std::string password, std::optional<std::string> hash, int cost, int slowest_stored_cost = kMinBcryptCost);
// Never refused (setup and rehashing are rare), but counted in the queue.
[[nodiscard]] Awaitable<Result<std::string>> hash_password_off_thread(std::string password, int cost);
// Any work on the pool, counted in its queue and never refused. Every job, even one that throws,
// resumes its caller: an exception comes back as an Internal error.
[[nodiscard]] Awaitable<Result<void>> run_password_work(std::function<void()> work);

}
