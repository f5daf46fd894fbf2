#pragma once
// Plivo may report on a message before the dispatcher has stored the uuid Plivo answered the send
// with (it calls back within milliseconds of accepting). Such a verified report is kept, keyed by
// uuid, while a send whose answer is not stored yet could own it, and is applied in the transaction
// that stores the uuid. Both transactions lock the uuid first (PostgreSQL: an advisory transaction
// lock, so this holds across instances; SQLite has a single writer), hence a report either finds
// its message or is found by the transaction that stores the uuid.
#include "messaging/reports/report_store.hpp"

namespace mmsgate {

struct EarlyReportLimits {
    // More are refused (503: Plivo retries), so the table cannot grow without bound.
    int max_kept = 10'000;
    // Older ones are dropped: reconciliation asks Plivo about a message whose report went missing.
    Millis keep_for = 3'600'000;
};

struct RecordedReport {
    enum class Outcome {
        Applied, // the message holds the uuid: `application` says what changed
        KeptEarly, // kept until the uuid is stored (`application.duplicate` when kept before)
        NoSuchMessage, // no message holds the uuid and no send is waiting for its answer
        EarlyStoreFull, // would be kept, but max_kept are kept already
        NotTied, // (record_attempt_report) the attempt's request has no message this report can be about
    };
    Outcome outcome = Outcome::NoSuchMessage;
    StatusApplication application;
};

// The status callback's transaction. `recipient` (E.164, from the report's To) narrows which
// unanswered sends could own the uuid; without it any unanswered send does.
[[nodiscard]] Result<RecordedReport> record_status_report(SqlConnection& connection, StatusUpdate const& update,
    std::optional<std::string> const& recipient, Millis now, EarlyReportLimits const& limits);

// A report that arrived on the callback URL of an attempt of request `request_id` (its token was
// valid): it is about the request's message to `recipient` (the report's To; without one, the
// request's only message). When that message holds no uuid yet, it takes the reported one: Plivo
// reporting on this attempt proves it has the message. NotTied when no message matches, the message
// holds another uuid, the uuid belongs to another message, or the message was created before
// `created_after` (an old token with an unsigned body is not trusted).
[[nodiscard]] Result<RecordedReport> record_attempt_report(SqlConnection& connection, std::string const& request_id,
    StatusUpdate const& update, std::optional<std::string> const& recipient, Millis created_after, Millis now);

// Serialises the transactions about one uuid until the transaction ends; take it before storing the uuid.
[[nodiscard]] Result<void> lock_plivo_uuid(SqlConnection& connection, std::string const& uuid);

// Once a message holds `uuid`: applies the reports kept for it, oldest first, and deletes them.
[[nodiscard]] Result<void> apply_early_reports(SqlConnection& connection, std::string const& uuid);

}
