#pragma once
// Who made a request, as resolved from the session cookie and checked against the database.
#include "auth/permission.hpp"
#include "core/asio.hpp"
#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

// A signed-in person, or an API key acting for the person who created it.
struct AuthenticatedUser {
    std::string id;
    Role role = Role::Sender;
    std::optional<std::string> email;
    std::optional<std::string> name;
    // Set only when the request carried an API key (Authorization: Bearer): the key's scopes, which
    // narrow the role; such a request has no cookie, so it needs no same-origin check.
    std::optional<std::vector<Permission>> key_scopes = std::nullopt;

    [[nodiscard]] bool is_admin() const { return role == Role::Admin; }
    // The role allows it and, for an API key, one of the key's scopes names it.
    [[nodiscard]] bool may(Permission permission) const;
};

struct User;
// The one place that turns an account's row into a role (an unknown text reads as viewer, the
// narrowest): sessions and API keys both act with the role their account has now.
[[nodiscard]] AuthenticatedUser authenticated_user_of(User const& user);

// Resolves the request's session; Unauthenticated when there is none (or it is void).
using Authenticate = std::function<Awaitable<Result<AuthenticatedUser>>(Request const&)>;

// The answer when Authenticate failed: 401, or 503 when the database could not be asked (the
// session may be valid, so the client must not be sent to the login page); for an API key also 400
// (a key in the URL) and 429 with Retry-After (the key's rate limit, see rate_limited_failure).
[[nodiscard]] Response authentication_failure(Error const& error);
// A ResourceExhausted error that authentication_failure answers with Retry-After: seconds.
[[nodiscard]] Error rate_limited_failure(long retry_after_seconds, std::string detail);

// The answer when the role or the key's scopes do not allow what a route does (403).
[[nodiscard]] Error permission_refused(Permission needed);

// A handler for signed-in users only; it gets the user its request's session resolved to.
using SignedInHandler = std::function<Awaitable<Response>(Request&, AuthenticatedUser const&)>;

// The one preamble of every route that needs a session: the session is resolved first (else
// authentication_failure), then the permission the route names is checked (else 403), and for a
// write a request a browser marks as cross-site (checked against `origin`, NEXTAUTH_URL) is refused
// with 403 before the handler runs (not for an API key: it carries no cookie). `origin` is read at
// each request: it must outlive the routes (the configuration's own string, which is completed
// once the listening port is known).
struct SignedInRoutes {
    Authenticate authenticate;
    std::string const& origin;

    [[nodiscard]] Handler read(Permission needed, SignedInHandler handler) const;
    [[nodiscard]] Handler write(Permission needed, SignedInHandler handler) const;
};

}
