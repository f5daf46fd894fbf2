#pragma once
// The inbound tables' queries (SQLite and PostgreSQL), run inside a Database job.
#include "conversations/conversation.hpp"
#include "core/clock.hpp"
#include "inbound/incoming_message.hpp"
#include "messaging/reports/status_callback_handler.hpp"
#include "store/sql_connection.hpp"

namespace mmsgate {

struct StoredIncoming {
    bool duplicate = false; // this MessageUUID was stored before: nothing changed
    std::string conversation_id;
    ThreadMessage message; // as the thread shows it
};

// Stores the message once per MessageUUID, with its conversation and its media rows (pending), and
// consumes the signature's nonces (consume_plivo_signature) in the same transaction: a nonce seen before is
// PermissionDenied and undoes everything. A duplicate consumes its nonce too (so its exact replay is
// refused) but stores nothing. A concurrent store of the same uuid by another instance surfaces
// as AlreadyExists (rolled back; the other one has it).
[[nodiscard]] Result<StoredIncoming> store_incoming_message(
    SqlConnection& connection, IncomingMessage const& message, PlivoSignature const& signature, Millis now);

// The media rows of the background copier.
struct MediaCopyJob {
    std::string inbound_message_id;
    int position = 0;
    std::string source_url;
    int attempts = 0; // including this one
    std::string conversation_id;
};

// Claims up to `limit` pending rows that are due and not leased (or whose lease ran out).
[[nodiscard]] Result<std::vector<MediaCopyJob>> claim_media_copies(
    SqlConnection& connection, std::string const& owner, Millis now, Millis lease_until, int limit);

struct MediaCopyOutcome {
    std::string state; // stored | refused | failed | pending (retry at next_attempt_at)
    std::optional<std::string> media_id;
    std::optional<std::string> error;
    Millis next_attempt_at = 0;
};

// Records how a claimed copy ended, if the claim is still this owner's (false: another instance took it).
[[nodiscard]] Result<bool> record_media_copy(SqlConnection& connection, MediaCopyJob const& job,
    std::string const& owner, MediaCopyOutcome const& outcome);

// The bytes of the media already stored for one incoming message (Plivo: under 7 MB in all).
[[nodiscard]] Result<std::int64_t> stored_media_bytes_of(SqlConnection& connection, std::string const& inbound_message_id);

// Start-up: leases a previous run of this instance (or, on SQLite, any run) held are void.
[[nodiscard]] Result<void> release_media_leases(SqlConnection& connection, std::optional<std::string> const& owner);

}
