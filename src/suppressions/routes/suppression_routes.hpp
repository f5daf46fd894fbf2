#pragma once
// /api/suppressions: reading needs suppressions:read, changes suppressions:write (admins). Every
// change is in the audit log and announced to webhooks in its own transaction.
//   GET  /api/suppressions?status=active|ended|all&q=&limit=&offset=   list, newest first
//   GET  /api/suppressions/check?number=&from=                         is this number suppressed?
//   POST /api/suppressions {number, note}                              add (every number of ours)
//   POST /api/suppressions/{id}/end {reason}                           end, with a written reason
//   GET  /api/suppressions/export.csv                                  every entry, as CSV
//   POST /api/suppressions/import (text/csv: a number a line, optional note) add many
//   POST /api/suppressions/confirm-flagged {messageId}                 a flagged reply asks to stop
#include "auth/signed_in_group.hpp"
#include "http/router.hpp"

#include <functional>

namespace mmsgate {

struct SuppressionRouteDependencies : SignedInRouteDependencies {
    std::function<void()> outbox_changed; // wakes the dispatcher (a confirmation was queued)
};

void add_suppression_routes(Router& router, SuppressionRouteDependencies dependencies);

}
