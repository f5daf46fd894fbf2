#include "audit/audit_log.hpp"

#include "core/ids.hpp"

namespace mmsgate {

Result<std::string> append_audit_entry(SqlConnection& connection, AuditEntry const& entry)
{
    auto id = new_cuid();
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_audit_log (id, occurred_at, action, outcome, actor_id, actor_label, target_type, "
        "target_id, client_address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        { id, entry.occurred_at != 0 ? entry.occurred_at : now_millis(), entry.action,
            std::string(entry.succeeded ? "success" : "failure"), sql_value(entry.actor_id), entry.actor_label, entry.target_type,
            entry.target_id, entry.client_address, entry.detail.dump() });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return id;
}

}
