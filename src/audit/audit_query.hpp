#pragma once
// Reading the audit log (admins' page, CSV export) and pruning it by age (the retention setting).
#include "audit/audit_log.hpp"

#include <vector>

namespace mmsgate {

struct AuditFilter {
    std::string action; // exact action, or a prefix ending in '.' ("user." for every user change)
    std::string actor; // actor id, or a part of the actor label (e-mail address)
    std::optional<Millis> from; // inclusive
    std::optional<Millis> to; // exclusive
    std::string text; // a part of the label, target, client address or detail
    // Paging, newest first: entries strictly before this (occurred_at, id).
    std::optional<std::pair<Millis, std::string>> before;
    int limit = 50;
};

struct AuditRecord {
    std::string id;
    AuditEntry entry;
};

[[nodiscard]] Result<std::vector<AuditRecord>> list_audit_entries(SqlConnection& connection, AuditFilter const& filter);
// Deletes entries older than `before`; returns how many.
[[nodiscard]] Result<int> prune_audit_log(SqlConnection& connection, Millis before);

}
