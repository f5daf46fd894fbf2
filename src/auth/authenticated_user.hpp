#pragma once
// Who made a request, as resolved from the session cookie and checked against the database.
#include "core/asio.hpp"
#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

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

// A handler for signed-in users only; it gets the user its request's session resolved to.
using SignedInHandler = std::function<Awaitable<Response>(Request&, AuthenticatedUser const&)>;

// The one preamble of every route that needs a session: the session is resolved first (else
// authentication_failure), and for a write a request a browser marks as cross-site (checked
// against `origin`, NEXTAUTH_URL) is refused with 403 before the handler runs. `origin` is read at
// each request: it must outlive the routes (the configuration's own string, which is completed
// once the listening port is known).
struct SignedInRoutes {
    Authenticate authenticate;
    std::string const& origin;

    [[nodiscard]] Handler read(SignedInHandler handler) const;
    [[nodiscard]] Handler write(SignedInHandler handler) const;
};

}
