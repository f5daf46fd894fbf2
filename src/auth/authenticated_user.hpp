#pragma once
// Who made a request, as resolved from the session cookie and checked against the database.
#include "core/asio.hpp"
#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

#include <functional>
#include <optional>
#include <string>

namespace mmsgate {

struct AuthenticatedUser {
    std::string id;
    std::optional<std::string> email;
    std::optional<std::string> name;
    bool is_admin = false;
};

// Resolves the request's session; Unauthenticated when there is none (or it is void).
using Authenticate = std::function<Awaitable<Result<AuthenticatedUser>>(Request const&)>;

// The answer when Authenticate failed: 401, or 503 when the database could not be asked (the
// session may be valid, so the client must not be sent to the login page).
[[nodiscard]] Response authentication_failure(Error const& error);

}
