#pragma once
// The suppression list (issue 16): who must not be texted. Entries are never deleted; an opt-in or
// an admin ends one and its history stays. Every function runs inside a Database job (its
// transaction) and reads the database itself: there is no cache, so an opt-out recorded by one
// instance holds for a send through any other as soon as it commits.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct Suppression {
    std::string id;
    std::string number; // theirs, E.164
    std::string our_number; // the number it came in on; "" for every number of ours
    std::string source; // keyword | intent | plivo_error | admin | import
    std::optional<std::string> keyword;
    std::string source_text; // the exact text received, or the admin's note
    std::optional<std::string> inbound_message_id;
    Millis created_at = 0;
    std::optional<std::string> created_by;
    std::string created_by_label;
    std::optional<Millis> ended_at;
    std::optional<std::string> ended_by;
    std::optional<std::string> ended_by_label;
    std::optional<std::string> end_source;
    std::optional<std::string> end_reason;
    std::optional<std::string> confirmation_request_id;
};

// A sentence for people: why the entry exists ("Replied STOP", "Plivo reported the recipient opted out").
[[nodiscard]] std::string suppression_reason(Suppression const& entry);

// Scope of a check: account-wide (any entry for the number) or per number (entries for
// `our_number` and those for every number).
struct SuppressionScope {
    bool per_number = false;
};

// The active entry that stops `our_number` from texting `recipient`, if any.
[[nodiscard]] Result<std::optional<Suppression>> find_active_suppression(
    SqlConnection& connection, std::string const& recipient, std::string const& our_number, SuppressionScope scope);
[[nodiscard]] Result<bool> is_suppressed(
    SqlConnection& connection, std::string const& recipient, std::string const& our_number, SuppressionScope scope = {});

// Adds the entry unless one is active for the same (number, our_number) already; announces
// contact.opted_out in the same transaction. Returns the new entry, or nullopt when one was active.
[[nodiscard]] Result<std::optional<Suppression>> add_suppression(SqlConnection& connection, Suppression entry);

// Plivo's error 200 on a delivery report (the recipient opted out of `our_number` at Plivo).
[[nodiscard]] Result<void> add_plivo_reported_opt_out(
    SqlConnection& connection, std::string const& recipient, std::string const& our_number, Millis now);

struct SuppressionEnd {
    std::string source; // keyword | intent | admin
    std::string reason; // the opt-in text, or the admin's written reason
    std::optional<std::string> by; // user id
    std::string by_label;
    std::optional<std::string> keyword;
    Millis at = 0;
};

// Ends one entry (false when it was not active); announces contact.opted_in.
[[nodiscard]] Result<bool> end_suppression(SqlConnection& connection, std::string const& id, SuppressionEnd const& end);
// Ends every active entry that stops `our_number` from texting `number` (an opt-in); returns how many.
[[nodiscard]] Result<int> end_suppressions_of(SqlConnection& connection, std::string const& number,
    std::string const& our_number, SuppressionScope scope, SuppressionEnd const& end);

// Takes the entry's one confirmation: true exactly once per entry, across instances.
[[nodiscard]] Result<bool> claim_confirmation(SqlConnection& connection, std::string const& id, std::string const& request_id);

// Listing for the admin page, newest first.
struct SuppressionQuery {
    std::string search; // part of the number or of the text
    std::string status = "active"; // active | ended | all
    int limit = 50;
    int offset = 0;
};
struct SuppressionPage {
    std::vector<Suppression> entries;
    std::int64_t total = 0;
};
[[nodiscard]] Result<SuppressionPage> list_suppressions(SqlConnection& connection, SuppressionQuery const& query);
[[nodiscard]] Result<std::optional<Suppression>> find_suppression(SqlConnection& connection, std::string const& id);

}
