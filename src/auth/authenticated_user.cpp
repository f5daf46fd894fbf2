#include "auth/authenticated_user.hpp"

#include "http/same_origin.hpp"
#include "store/user_queries.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

// Takes its parts by value: the coroutine outlives the call that starts it.
Awaitable<Response> run_signed_in(Authenticate authenticate, std::optional<std::string> origin, Permission needed,
    SignedInHandler handler, Request& request)
{
    auto user = co_await authenticate(request);
    if (!user)
        co_return authentication_failure(user.error());
    if (!user->may(needed))
        co_return error_response(permission_refused(needed));
    if (origin && !user->key_scopes && is_cross_site_request(request, *origin))
        co_return error_response(ErrorCode::PermissionDenied, kCrossSiteRefused);
    co_return co_await handler(request, *user);
}

}

AuthenticatedUser authenticated_user_of(User const& user)
{
    return AuthenticatedUser { user.id, parse_role(user.role).value_or(Role::Viewer), user.email, user.name };
}

bool AuthenticatedUser::may(Permission permission) const
{
    if (!role_allows(role, permission))
        return false;
    return !key_scopes || std::ranges::find(*key_scopes, permission) != key_scopes->end();
}

Error permission_refused(Permission needed)
{
    return Error { ErrorCode::PermissionDenied,
        "Your role or API key does not allow this (it needs " + std::string(to_string(needed)) + ")", {}, {} };
}

namespace {

// The seconds travel in Error::detail (only for the log) so that Error stays the one error type.
constexpr std::string_view kRetryAfterMarker = "retry after s=";

}

Error rate_limited_failure(long retry_after_seconds, std::string detail)
{
    return Error { ErrorCode::ResourceExhausted,
        "Too many requests with this API key: try again in " + std::to_string(retry_after_seconds) + " s",
        std::move(detail) + "; " + std::string(kRetryAfterMarker) + std::to_string(retry_after_seconds), {} };
}

Response authentication_failure(Error const& error)
{
    if (error.code == ErrorCode::ResourceExhausted) {
        auto response = error_response(error);
        auto at = error.detail.rfind(kRetryAfterMarker);
        response.set(http::field::retry_after, at == std::string::npos ? "60" : error.detail.substr(at + kRetryAfterMarker.size()));
        return response;
    }
    if (error.code == ErrorCode::Unavailable || error.code == ErrorCode::InvalidArgument)
        return error_response(error);
    return error_response(ErrorCode::Unauthenticated, kUnauthorized);
}

Handler SignedInRoutes::read(Permission needed, SignedInHandler handler) const
{
    return [authenticate = authenticate, needed, handler = std::move(handler)](Request& request) {
        return run_signed_in(authenticate, std::nullopt, needed, handler, request);
    };
}

Handler SignedInRoutes::write(Permission needed, SignedInHandler handler) const
{
    return [authenticate = authenticate, origin = &origin, needed, handler = std::move(handler)](Request& request) {
        return run_signed_in(authenticate, *origin, needed, handler, request);
    };
}

}
