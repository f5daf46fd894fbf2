#pragma once
// User administration (admins only, Permission::Administer):
//   GET /api/users, POST /api/users/invites {email, role} (the one-time link, in this answer only),
//   PATCH /api/users/{id} {role?, disabled?} (ends the account's sessions), POST
//   /api/users/{id}/password-reset (a one-time link); the last active admin cannot be demoted or disabled.
// Public, for the person holding a link (same-origin only, throttled per client address):
//   GET /api/invites/{token} (which e-mail, invite or reset), POST /api/invites/{token} {name?, password}.
// The audit log (admins): GET /api/audit (filters, newest first, cursor paging), GET /api/audit/export.csv.
// Every change is written to the audit log in its own transaction.
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"

namespace mmsgate {

using TeamRouteDependencies = SignedInRouteDependencies;

// All of the routes above.
void add_team_routes(Router& router, TeamRouteDependencies const& dependencies);
// The parts (one file each).
void add_user_admin_routes(Router& router, TeamRouteDependencies dependencies);
void add_invite_routes(Router& router, TeamRouteDependencies dependencies);
void add_audit_routes(Router& router, TeamRouteDependencies dependencies);

}
