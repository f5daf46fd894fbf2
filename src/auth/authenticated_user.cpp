#include "auth/authenticated_user.hpp"

#include "http/same_origin.hpp"

namespace mmsgate {

namespace {

// Takes its parts by value: the coroutine outlives the call that starts it.
Awaitable<Response> run_signed_in(
    Authenticate authenticate, std::optional<std::string> origin, SignedInHandler handler, Request& request)
{
    auto user = co_await authenticate(request);
    if (!user)
        co_return authentication_failure(user.error());
    if (origin && is_cross_site_request(request, *origin))
        co_return error_response(http::status::forbidden, kCrossSiteRefused);
    co_return co_await handler(request, *user);
}

}

Response authentication_failure(Error const& error)
{
    if (error.code == ErrorCode::Unavailable)
        return error_response(error);
    return error_response(http::status::unauthorized, "Unauthorized");
}

Handler SignedInRoutes::read(SignedInHandler handler) const
{
    return [authenticate = authenticate, handler = std::move(handler)](Request& request) {
        return run_signed_in(authenticate, std::nullopt, handler, request);
    };
}

Handler SignedInRoutes::write(SignedInHandler handler) const
{
    return [authenticate = authenticate, origin = &origin, handler = std::move(handler)](Request& request) {
        return run_signed_in(authenticate, *origin, handler, request);
    };
}

}
