#pragma once
// Sandbox mode only (no Plivo credentials): POST /api/sandbox/inbound {"from","to","text","mediaCount"}
// makes the built-in simulator deliver a signed incoming message to this server's own
// /api/plivo/inbound, with pictures it serves itself: the web UI's "simulate a reply". The
// delivery takes the same path as Plivo's (signature, nonce, exactly once, media copier).
#include "auth/authenticated_user.hpp"
#include "config/config.hpp"
#include "http/router.hpp"
#include "plivo/simulator/simulator.hpp"

#include <memory>

namespace mmsgate {

struct SandboxInboundDependencies {
    Config const& config;
    std::shared_ptr<PlivoSimulator> simulator;
    Authenticate authenticate;
};

void add_sandbox_inbound_route(Router& router, SandboxInboundDependencies dependencies);

}
