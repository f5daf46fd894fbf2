#pragma once
// The append-only audit log (issue 17). Call append_audit_entry inside the Database job (so the
// transaction) that makes the change it records: the entry commits with the change or not at all.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mmsgate {

struct AuditEntry {
    // Dotted, lower case: sign_in.succeeded, sign_in.failed, user.invited, user.role_changed,
    // user.disabled, user.enabled, user.password_reset, key.created, key.revoked, webhook.created,
    // webhook.changed, webhook.deleted, suppression.added, suppression.ended, suppression.imported,
    // setting.changed.
    std::string action;
    bool succeeded = true;
    std::optional<std::string> actor_id; // the user, or the API key's owner; none for the system
    std::string actor_label; // e-mail address, or "key mmsk_ab12…" for an API key
    std::string target_type; // user | key | webhook | suppression | setting | invite
    std::string target_id;
    std::string client_address;
    nlohmann::json detail = nlohmann::json::object(); // never a secret, a password or a whole key
    Millis occurred_at = 0; // 0: now
};

// Appends one entry in the caller's transaction; returns its id.
[[nodiscard]] Result<std::string> append_audit_entry(SqlConnection& connection, AuditEntry const& entry);

}
