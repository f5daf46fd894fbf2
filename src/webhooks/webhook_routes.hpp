#pragma once
// The webhook administration API (admins only; session cookie, and writes refused cross-site like
// every other write route):
//   GET/POST /api/webhooks, GET/PATCH/DELETE /api/webhooks/{id},
//   POST /api/webhooks/{id}/rotate-secret (the new secret is in this answer only; the previous one
//   keeps signing for 24 h), GET /api/webhooks/{id}/deliveries, GET /api/webhooks/deliveries/{id}
//   (with its attempts), POST /api/webhooks/deliveries/{id}/replay, POST /api/webhooks/{id}/replay
//   {"from","to"}. A secret appears only in the answers that create or rotate it.
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"
#include "webhooks/webhook_worker.hpp"

#include <memory>

namespace mmsgate {

inline constexpr Millis kPreviousSecretValidity = 24 * 3600 * 1000;

struct WebhookRouteDependencies : SignedInRouteDependencies {
    std::shared_ptr<WebhookWorker> worker;
};

void add_webhook_routes(Router& router, WebhookRouteDependencies dependencies);

}
