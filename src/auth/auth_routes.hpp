#pragma once
// NextAuth v4's /api/auth/* protocol, so that the stock next-auth/react client (signIn,
// getSession, signOut, SessionProvider) works unchanged, plus POST /api/setup (the first account).
// Deliberately stricter than next-auth 4: a CSRF failure is 403 with error=MissingCSRF in the URL.
#include "auth/session_service.hpp"
#include "auth/setup_token.hpp"
#include "http/router.hpp"

#include <functional>
#include <memory>

namespace mmsgate {

struct AuthRouteDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<SessionService> sessions;
    // Open while no account exists (POST /api/setup needs its token); closed by the first account.
    std::shared_ptr<SetupGate> setup_gate;
    // Each login attempt's outcome: "success", "failure", "throttled" or "busy" (metrics).
    std::function<void(std::string_view outcome)> count_login_attempt;
};

void add_auth_routes(Router& router, AuthRouteDependencies dependencies);

}
