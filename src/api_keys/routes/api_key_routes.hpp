#pragma once
// The API-key administration API (admins, signed in with a session: a key cannot manage keys):
//   GET /api/keys (every key, newest first), POST /api/keys {name, scopes, expiresInDays?} → 201
//   with the key itself, in this answer only (Cache-Control: no-store), and
//   POST /api/keys/{id}/revoke (at once, on every instance). Creation and revocation are audited.
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"

namespace mmsgate {

using ApiKeyRouteDependencies = SignedInRouteDependencies;

void add_api_key_routes(Router& router, ApiKeyRouteDependencies dependencies);

}
