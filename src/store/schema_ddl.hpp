#pragma once
// The DDL text of the migrations (store/migrations.cpp numbers and runs them). Internal to src/store.
#include <array>
#include <string>
#include <string_view>

namespace mmsgate::schema {

// One of the seed's Prisma tables: created with its indexes and foreign keys when missing.
struct PrismaTable {
    std::string_view name;
    std::string_view sqlite;
    std::string_view postgres;
};


// The PostgreSQL text is the seed's `prisma migrate` output (docs/nextauth-compat.md section 7)
// with IF NOT EXISTS added; the SQLite text is what Prisma generates for the same datamodel on
// SQLite (DateTime is DATETIME, foreign keys sit inside CREATE TABLE). In creation order ("User"
// first: the others refer to it).
inline constexpr std::array kPrismaTables {
    PrismaTable {
        "User",
        R"sql(
CREATE TABLE IF NOT EXISTS "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" DATETIME,
    "password" TEXT,
    "image" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "User_email_key" ON "User"("email");
)sql",
        R"sql(
CREATE TABLE IF NOT EXISTS "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMP(3),
    "password" TEXT,
    "image" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "User_email_key" ON "User"("email");
)sql",
    },
    PrismaTable {
        "Account",
        R"sql(
CREATE TABLE IF NOT EXISTS "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");
)sql",
        R"sql(
CREATE TABLE IF NOT EXISTS "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
)sql",
    },
    PrismaTable {
        "Session",
        R"sql(
CREATE TABLE IF NOT EXISTS "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "Session_sessionToken_key" ON "Session"("sessionToken");
)sql",
        R"sql(
CREATE TABLE IF NOT EXISTS "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "Session_sessionToken_key" ON "Session"("sessionToken");
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
)sql",
    },
    PrismaTable {
        "VerificationToken",
        R"sql(
CREATE TABLE IF NOT EXISTS "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" DATETIME NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS "VerificationToken_token_key" ON "VerificationToken"("token");
CREATE UNIQUE INDEX IF NOT EXISTS "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");
)sql",
        R"sql(
CREATE TABLE IF NOT EXISTS "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS "VerificationToken_token_key" ON "VerificationToken"("token");
CREATE UNIQUE INDEX IF NOT EXISTS "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");
)sql",
    },
};

// Both dialects read these types the same way (SQLite gives BIGINT integer affinity), so the
// text is shared. Timestamps are Unix milliseconds; flags are 0/1 integers.
inline constexpr std::string_view kMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS mmsgate_schema_migrations (
    version INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)
)sql";

inline constexpr std::string_view kMmsgateTables = R"sql(
CREATE TABLE mmsgate_user_settings (
    user_id TEXT NOT NULL PRIMARY KEY REFERENCES "User"("id") ON DELETE CASCADE,
    is_admin INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    -- Unix ms: sessions issued before it are void (password change, disabling).
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One API call, that is one Plivo request for up to 50 recipients.
CREATE TABLE mmsgate_send_request (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    text TEXT NOT NULL,
    media_urls TEXT NOT NULL, -- JSON array
    media_ids TEXT NOT NULL, -- JSON array
    dispatch_state TEXT NOT NULL, -- pending | done
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    deadline_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    outcome_unknown INTEGER NOT NULL DEFAULT 0,
    first_attempt_at BIGINT,
    last_attempt_at BIGINT,
    plivo_api_id TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_send_request_dispatch_idx ON mmsgate_send_request (dispatch_state, next_attempt_at);

CREATE TABLE mmsgate_message (
    id TEXT NOT NULL PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES mmsgate_send_request(id),
    user_id TEXT NOT NULL,
    recipient TEXT NOT NULL, -- E.164
    state TEXT NOT NULL,
    plivo_uuid TEXT UNIQUE,
    error_code INTEGER,
    error TEXT,
    units INTEGER,
    total_rate TEXT,
    total_amount TEXT,
    last_sequence INTEGER,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_message_user_idx ON mmsgate_message (user_id, created_at, id);
CREATE INDEX mmsgate_message_request_idx ON mmsgate_message (request_id);
CREATE INDEX mmsgate_message_state_idx ON mmsgate_message (state, updated_at);

CREATE TABLE mmsgate_message_event (
    id TEXT NOT NULL PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES mmsgate_message(id),
    state TEXT NOT NULL,
    sequence INTEGER,
    error_code INTEGER,
    units INTEGER,
    total_rate TEXT,
    total_amount TEXT,
    source TEXT NOT NULL,
    detail TEXT,
    dedupe_key TEXT UNIQUE,
    occurred_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_message_event_message_idx ON mmsgate_message_event (message_id, occurred_at);

CREATE TABLE mmsgate_idempotency_key (
    user_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    request_id TEXT,
    response_status INTEGER,
    response_body TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
)sql";

// Verified delivery reports for a Plivo uuid no message holds yet: Plivo may report before the
// dispatcher has stored its answer. They are applied, and deleted, in the transaction that stores
// the uuid; the callback handler caps how many are kept and for how long.
inline constexpr std::string_view kEarlyReportsTable = R"sql(
CREATE TABLE mmsgate_early_report (
    dedupe_key TEXT NOT NULL PRIMARY KEY, -- uuid:state:sequence, as on mmsgate_message_event
    plivo_uuid TEXT NOT NULL,
    state TEXT NOT NULL,
    sequence INTEGER,
    error_code INTEGER,
    units INTEGER,
    total_rate TEXT,
    total_amount TEXT,
    received_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_early_report_uuid_idx ON mmsgate_early_report (plivo_uuid);
CREATE INDEX mmsgate_early_report_received_idx ON mmsgate_early_report (received_at);
-- A report's To number finds the sends still waiting for Plivo's answer (also the history's filter).
CREATE INDEX mmsgate_message_recipient_idx ON mmsgate_message (recipient, state);
)sql";

// A request's messages still waiting for Plivo are read at every dispatch. With request_id alone
// SQLite's planner preferred the state index, which scans every waiting message of every request
// (a 40,000-message backlog made each dispatch read them all); the pair is what the query asks.
inline constexpr std::string_view kMessageRequestStateIndex = R"sql(
CREATE INDEX mmsgate_message_request_state_idx ON mmsgate_message (request_id, state);
DROP INDEX mmsgate_message_request_idx;
)sql";

// The mmsgate processes serving one database. Plivo's API limits are per account, so the live
// ones (a heartbeat within the last few seconds) split them; a row left by a dead process is
// ignored once its heartbeat is old and deleted later.
inline constexpr std::string_view kInstancesTable = R"sql(
CREATE TABLE mmsgate_instance (
    id TEXT NOT NULL PRIMARY KEY,
    started_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
);
)sql";

// Plivo signature nonces already accepted, so a captured signed report cannot be replayed. Kept
// for the replay window (expires_at) by every instance sharing the database, then pruned.
inline constexpr std::string_view kSignatureNoncesTable = R"sql(
CREATE TABLE mmsgate_signature_nonce (
    nonce TEXT NOT NULL PRIMARY KEY, -- family:nonce, e.g. v3:31627761595286130198
    expires_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_signature_nonce_expires_idx ON mmsgate_signature_nonce (expires_at);
)sql";


// Two-way messaging (issue 15). Conversations are the team's: one per (our number, their number);
// every outbound message (conversation_id, backfilled by the migration) and every inbound one
// belongs to one. Inbound messages are stored once per Plivo MessageUUID; their media are copied
// in the background (mmsgate_inbound_media rows are claimed with a lease like send requests) into
// mmsgate_media, which issue 18 reuses for uploads. `{blob}` is BLOB (SQLite) or BYTEA (PostgreSQL).
inline constexpr std::string_view kTwoWayTables = R"sql(
ALTER TABLE mmsgate_send_request ADD COLUMN message_type TEXT NOT NULL DEFAULT 'mms';
ALTER TABLE mmsgate_send_request ADD COLUMN origin TEXT NOT NULL DEFAULT 'api';
ALTER TABLE mmsgate_message ADD COLUMN conversation_id TEXT;
CREATE INDEX mmsgate_message_conversation_idx ON mmsgate_message (conversation_id, created_at, id);

CREATE TABLE mmsgate_conversation (
    id TEXT NOT NULL PRIMARY KEY,
    our_number TEXT NOT NULL,
    their_number TEXT NOT NULL,
    last_message_at BIGINT NOT NULL,
    last_direction TEXT NOT NULL, -- in | out
    last_text TEXT NOT NULL, -- a preview
    last_has_media INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (our_number, their_number)
);
CREATE INDEX mmsgate_conversation_activity_idx ON mmsgate_conversation (last_message_at, id);

CREATE TABLE mmsgate_conversation_read (
    conversation_id TEXT NOT NULL REFERENCES mmsgate_conversation(id),
    user_id TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE TABLE mmsgate_inbound_message (
    id TEXT NOT NULL PRIMARY KEY,
    plivo_uuid TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL REFERENCES mmsgate_conversation(id),
    from_number TEXT NOT NULL,
    to_number TEXT NOT NULL,
    message_type TEXT NOT NULL, -- sms | mms
    text TEXT NOT NULL,
    media_count INTEGER NOT NULL DEFAULT 0,
    intent TEXT NOT NULL DEFAULT '', -- optout | optin | help | ''
    units INTEGER,
    total_rate TEXT,
    total_amount TEXT,
    error_code INTEGER,
    powerpack_uuid TEXT,
    flag TEXT,
    received_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_inbound_message_conversation_idx ON mmsgate_inbound_message (conversation_id, received_at, id);

CREATE TABLE mmsgate_media (
    id TEXT NOT NULL PRIMARY KEY,
    content_type TEXT NOT NULL, -- sniffed from the bytes
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data {blob} NOT NULL,
    width INTEGER,
    height INTEGER,
    origin TEXT NOT NULL, -- inbound | upload | fetched
    created_at BIGINT NOT NULL
);

CREATE TABLE mmsgate_inbound_media (
    inbound_message_id TEXT NOT NULL REFERENCES mmsgate_inbound_message(id),
    position INTEGER NOT NULL,
    source_url TEXT NOT NULL,
    state TEXT NOT NULL, -- pending | stored | refused | failed
    media_id TEXT REFERENCES mmsgate_media(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    last_error TEXT,
    PRIMARY KEY (inbound_message_id, position)
);
CREATE INDEX mmsgate_inbound_media_due_idx ON mmsgate_inbound_media (state, next_attempt_at);
)sql";

// Append-only: rows are written by append_audit_entry and removed only by the retention prune.
inline constexpr std::string_view kAuditLogTable = R"sql(
CREATE TABLE mmsgate_audit_log (
    id TEXT NOT NULL PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    action TEXT NOT NULL, -- for example sign_in.failed, user.role_changed, key.created
    outcome TEXT NOT NULL DEFAULT 'success', -- success | failure
    actor_id TEXT, -- the user (or the key's owner) who did it; NULL for the system or an unknown caller
    actor_label TEXT NOT NULL DEFAULT '', -- e-mail address or key prefix, as it was at the time
    target_type TEXT NOT NULL DEFAULT '', -- user | key | webhook | suppression | setting | invite
    target_id TEXT NOT NULL DEFAULT '',
    client_address TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}' -- JSON object; never a secret
);
CREATE INDEX mmsgate_audit_log_time_idx ON mmsgate_audit_log (occurred_at);
CREATE INDEX mmsgate_audit_log_action_idx ON mmsgate_audit_log (action, occurred_at);
)sql";

// Roles and user administration (issue 17): the role beside is_admin (kept equal to role = 'admin'
// so that older readers of is_admin stay right), the last sign-in, and one-time links (invites and
// password resets) stored only as the SHA-256 of their token.
inline constexpr std::string_view kTeamTables = R"sql(
ALTER TABLE mmsgate_user_settings ADD COLUMN role TEXT NOT NULL DEFAULT 'sender'; -- admin | sender | viewer
UPDATE mmsgate_user_settings SET role = 'admin' WHERE is_admin <> 0;
ALTER TABLE mmsgate_user_settings ADD COLUMN last_sign_in_at BIGINT;
ALTER TABLE mmsgate_user_settings ADD COLUMN last_sign_in_address TEXT;
CREATE TABLE mmsgate_user_token (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL, -- invite | reset
    token_hash TEXT NOT NULL UNIQUE, -- hex SHA-256 of the token; the token itself is never stored
    email TEXT NOT NULL,
    role TEXT NOT NULL, -- the invited role (invite)
    user_id TEXT, -- the account whose password is reset (reset); the created account (invite, once used)
    created_by TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX mmsgate_user_token_email_idx ON mmsgate_user_token (email, kind);
)sql";

// Migration 15 (issue 18): a file a person uploaded, fitted and stored in mmsgate_media; its Plivo
// media id is reused until it nears Plivo's 6-hour expiry of unused uploads. mmsgate_send_upload
// lists the uploads a send request carries, in order. The sha256 index serves insert_media's
// "same bytes stored already" lookup.
inline constexpr std::string_view kUploadsTables = R"sql(
CREATE TABLE mmsgate_upload (
    id TEXT NOT NULL PRIMARY KEY,
    owner_id TEXT NOT NULL,
    media_id TEXT NOT NULL REFERENCES mmsgate_media(id),
    original_name TEXT NOT NULL,
    original_content_type TEXT NOT NULL, -- sniffed from the bytes
    original_bytes BIGINT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    animated INTEGER NOT NULL DEFAULT 0,
    fitted INTEGER NOT NULL DEFAULT 0,
    warnings TEXT NOT NULL DEFAULT '[]', -- JSON array
    plivo_media_id TEXT,
    plivo_uploaded_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_upload_owner_idx ON mmsgate_upload (owner_id, created_at);
CREATE TABLE mmsgate_send_upload (
    request_id TEXT NOT NULL REFERENCES mmsgate_send_request(id),
    position INTEGER NOT NULL,
    upload_id TEXT NOT NULL REFERENCES mmsgate_upload(id),
    PRIMARY KEY (request_id, position)
);
CREATE INDEX mmsgate_send_upload_upload_idx ON mmsgate_send_upload (upload_id);
CREATE INDEX mmsgate_media_sha256_idx ON mmsgate_media (sha256);
)sql";

// Migration 11 (issue 16): the suppression list. Entries are never deleted: an opt-in or an admin
// ends one (ended_*), and the history stays. One active entry per (number, our_number); our_number
// '' means every number of ours (admin entries and imports).
inline constexpr std::string_view kSuppressionTable = R"sql(
CREATE TABLE mmsgate_suppression (
    id TEXT NOT NULL PRIMARY KEY,
    number TEXT NOT NULL, -- theirs, E.164
    our_number TEXT NOT NULL DEFAULT '', -- the number it came in on; '' for every number
    source TEXT NOT NULL, -- keyword | intent | plivo_error | admin | import
    keyword TEXT, -- the word, for source keyword
    source_text TEXT NOT NULL DEFAULT '', -- the exact text received, or the admin's note
    inbound_message_id TEXT,
    created_at BIGINT NOT NULL,
    created_by TEXT, -- user id; NULL for the contact or Plivo
    created_by_label TEXT NOT NULL DEFAULT '',
    ended_at BIGINT,
    ended_by TEXT,
    ended_by_label TEXT,
    end_source TEXT, -- keyword | intent | admin
    end_reason TEXT,
    confirmation_request_id TEXT -- the one confirmation sent for this opt-out
);
CREATE UNIQUE INDEX mmsgate_suppression_active_idx ON mmsgate_suppression (number, our_number) WHERE ended_at IS NULL;
CREATE INDEX mmsgate_suppression_number_idx ON mmsgate_suppression (number, created_at);
CREATE INDEX mmsgate_suppression_time_idx ON mmsgate_suppression (created_at, id);
)sql";

// Only a SHA-256 of each key is kept (the key is 256 random bits, so a slow hash adds nothing);
// `prefix` ("mmsk_" and the first 8 random characters) finds the row and is what lists show.
inline constexpr std::string_view kApiKeysTable = R"sql(
CREATE TABLE mmsgate_api_key (
    id TEXT NOT NULL PRIMARY KEY,
    owner_id TEXT NOT NULL, -- the user the key acts for; its role still limits the key at each use
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL, -- hex SHA-256 of the whole key
    scopes TEXT NOT NULL, -- JSON array of scope names, e.g. ["messages:send"]
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT,
    last_used_at BIGINT,
    last_used_address TEXT,
    revoked_at BIGINT,
    revoked_by TEXT
);
CREATE UNIQUE INDEX mmsgate_api_key_prefix_idx ON mmsgate_api_key (prefix);
CREATE INDEX mmsgate_api_key_owner_idx ON mmsgate_api_key (owner_id, created_at);
)sql";

// Outgoing webhooks (issue 17): endpoints, the events written in the transaction of the change they
// describe (outbox), one delivery per endpoint and event claimed with a lease, and every attempt.
// The secrets are HMAC keys that must sign, so they are stored as they are (never logged or shown
// again after creation or rotation). occurred_at is copied into the delivery so that an endpoint's
// deliveries are taken in event order without a join.
inline constexpr std::string_view kWebhookTables = R"sql(
CREATE TABLE mmsgate_webhook_endpoint (
    id TEXT NOT NULL PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    events TEXT NOT NULL, -- JSON array of event types
    secret TEXT NOT NULL, -- whsec_…
    previous_secret TEXT, -- still signs (a second signature) until previous_secret_expires_at
    previous_secret_expires_at BIGINT,
    allow_private_address INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failing_since BIGINT, -- first failed attempt since the last success
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE mmsgate_webhook_event (
    id TEXT NOT NULL PRIMARY KEY, -- the webhook-id header: the receiver's deduplication key
    type TEXT NOT NULL,
    payload TEXT NOT NULL, -- the JSON body, exactly as signed and sent
    occurred_at BIGINT NOT NULL
);
CREATE INDEX mmsgate_webhook_event_time_idx ON mmsgate_webhook_event (occurred_at);
CREATE TABLE mmsgate_webhook_delivery (
    id TEXT NOT NULL PRIMARY KEY,
    endpoint_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    state TEXT NOT NULL, -- pending | delivered | failed | abandoned
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until BIGINT,
    last_status INTEGER,
    last_latency_ms INTEGER,
    last_response_excerpt TEXT,
    last_error TEXT,
    delivered_at BIGINT,
    occurred_at BIGINT NOT NULL,
    retry_from BIGINT NOT NULL, -- retries end a retry window after it (creation, or the last replay)
    created_at BIGINT NOT NULL,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX mmsgate_webhook_delivery_order_idx ON mmsgate_webhook_delivery (endpoint_id, state, occurred_at, id);
CREATE INDEX mmsgate_webhook_delivery_due_idx ON mmsgate_webhook_delivery (state, next_attempt_at);
CREATE TABLE mmsgate_webhook_attempt (
    id TEXT NOT NULL PRIMARY KEY,
    delivery_id TEXT NOT NULL,
    attempted_at BIGINT NOT NULL,
    status INTEGER,
    latency_ms INTEGER,
    response_excerpt TEXT,
    error TEXT
);
CREATE INDEX mmsgate_webhook_attempt_delivery_idx ON mmsgate_webhook_attempt (delivery_id, attempted_at);
)sql";

// When a message held for quiet hours goes (issue 16); NULL for every other message.
inline constexpr std::string_view kQuietHoursColumns = "ALTER TABLE mmsgate_message ADD COLUMN scheduled_for BIGINT;\n";

// Migration 7 (two-way messaging): kTwoWayTables with the dialect's binary type; the backfill of
// conversations is done in migrations.cpp.
[[nodiscard]] std::string two_way_tables(bool postgres);

}
