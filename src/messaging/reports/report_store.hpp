#pragma once
// The reports stage's queries: applying a delivery report to its message (forward only), adopting
// a reported uuid, and the once-only signature nonces. Run inside a Database job (its transaction).
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>

namespace mmsgate {

// A delivery report (source: callback or reconcile) for the message Plivo knows as plivo_uuid.
struct StatusUpdate : StateReport {
    std::string plivo_uuid;
};

struct StatusApplication {
    bool found = false; // the uuid belongs to a message
    bool duplicate = false; // the same event was recorded before
    bool changed = false; // the message's state moved forward
    MessageRecord message;
};

// The key that makes a report one event however often Plivo sends it.
[[nodiscard]] std::string report_dedupe_key(StatusUpdate const& update);
// Records the event (once, dated `now`) and moves the message forward when the event is newer.
[[nodiscard]] Result<StatusApplication> apply_status_update(SqlConnection& connection, StatusUpdate const& update, Millis now);

// A report on the callback URL of one of its request's attempts proves that Plivo has the message:
// it takes the reported uuid when it holds none (accepted or unknown become queued; an event says
// why). False when the message holds a uuid already.
[[nodiscard]] Result<bool> adopt_reported_uuid(
    SqlConnection& connection, std::string const& message_id, std::string const& plivo_uuid, Millis now);

// Signature nonces are accepted once: true when `nonce` (family-prefixed) was not seen within its
// keep time; it is then kept until `expires_at`. Expired ones are pruned on the way.
[[nodiscard]] Result<bool> consume_signature_nonce(SqlConnection& connection, std::string const& nonce,
    Millis expires_at, Millis now);
// True when `nonce` was consumed and is still kept (a cheap early refusal; consuming decides).
[[nodiscard]] Result<bool> signature_nonce_seen(SqlConnection& connection, std::string const& nonce, Millis now);

}
