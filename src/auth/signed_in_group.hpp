#pragma once
// How a feature registers its signed-in routes: its dependencies begin with SignedInRouteDependencies,
// its handlers are member functions of one object (derived from RouteHandlers) that its routes share,
// and SignedInGroup puts the SignedInRoutes preamble in front of each:
//     SignedInGroup<KeyHandlers> keys(std::move(dependencies));
//     router.add(http::verb::get, "/api/keys", keys.read(Permission::Administer, &KeyHandlers::list));
#include "auth/authenticated_user.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

#include <memory>

namespace mmsgate {

// What every feature with signed-in routes is given; a feature that needs more derives from it (the
// members stay first, so `{ config, database, authenticate, … }` builds either). `config` must outlive
// the routes: SignedInRoutes reads its nextauth_url at each request.
struct SignedInRouteDependencies {
    Config const& config;
    Database& database;
    Authenticate authenticate;
};

// The base of a feature's handler object: the feature's dependencies, as `m`.
template <typename Dependencies>
class RouteHandlers {
public:
    explicit RouteHandlers(Dependencies dependencies)
        : m(std::move(dependencies))
    {
    }

protected:
    Dependencies m;
};

// A SignedInHandler that calls `method` of `handlers`; the handler keeps the object alive.
template <typename Handlers>
[[nodiscard]] SignedInHandler handler_of(
    std::shared_ptr<Handlers> handlers, Awaitable<Response> (Handlers::*method)(Request&, AuthenticatedUser const&))
{
    return [handlers = std::move(handlers), method](Request& request, AuthenticatedUser const& user) {
        return ((*handlers).*method)(request, user);
    };
}

// The handler object of a feature, made from its dependencies, and its routes' preamble.
template <typename Handlers>
class SignedInGroup {
public:
    using Method = Awaitable<Response> (Handlers::*)(Request&, AuthenticatedUser const&);

    template <typename Dependencies>
    explicit SignedInGroup(Dependencies dependencies)
        : m_signed_in { dependencies.authenticate, dependencies.config.nextauth_url }
        , m_handlers(std::make_shared<Handlers>(std::move(dependencies)))
    {
    }

    [[nodiscard]] Handler read(Permission needed, Method method) const { return m_signed_in.read(needed, handler_of(m_handlers, method)); }
    [[nodiscard]] Handler write(Permission needed, Method method) const { return m_signed_in.write(needed, handler_of(m_handlers, method)); }
    // GET reads, every other method writes.
    [[nodiscard]] Handler route(http::verb verb, Permission needed, Method method) const
    {
        return verb == http::verb::get ? read(needed, method) : write(needed, method);
    }
    [[nodiscard]] std::shared_ptr<Handlers> const& handlers() const { return m_handlers; }

private:
    SignedInRoutes m_signed_in; // declared first: built before `dependencies` is moved away
    std::shared_ptr<Handlers> m_handlers;
};

}
