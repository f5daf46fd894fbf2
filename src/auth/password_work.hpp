#pragma once
// bcrypt is slow on purpose, so it runs on a small pool of its own: a burst of logins queues there
// instead of taking the I/O threads from every other request.
#include "core/asio.hpp"
#include "core/error.hpp"

#include <optional>
#include <string>

namespace mmsgate {

[[nodiscard]] Awaitable<bool> verify_password_off_thread(std::string password, std::optional<std::string> hash, int cost);
[[nodiscard]] Awaitable<Result<std::string>> hash_password_off_thread(std::string password, int cost);

}
