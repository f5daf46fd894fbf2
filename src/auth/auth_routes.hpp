#pragma once
// NextAuth v4's /api/auth/* protocol, so that the stock next-auth/react client (signIn,
// getSession, signOut, SessionProvider) works unchanged, plus POST /api/setup (the first account).
// Deliberately stricter than next-auth 4: a CSRF failure is 403 with error=MissingCSRF in the URL.
#include "auth/session_service.hpp"
#include "http/router.hpp"

#include <memory>

namespace mmsgate {

struct AuthRouteDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<SessionService> sessions;
};

void add_auth_routes(Router& router, AuthRouteDependencies dependencies);

}
