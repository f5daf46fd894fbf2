#pragma once
// The send stage's queries: a new request with its messages, and idempotency keys.
#include "messaging/message.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct IdempotencyRecord {
    std::string body_hash;
    Millis created_at = 0;
    std::optional<std::string> request_id;
    std::optional<int> response_status;
    std::optional<std::string> response_body;
};

struct NewIdempotencyKey {
    std::string key;
    std::string body_hash;
};

// Inserts a request and its messages, with an idempotency key also the key (AlreadyExists when the
// key is taken). With a claim the request is stored claimed and "attempt in progress", so the
// caller can dispatch it at once; without one it waits for the first dispatcher to claim it.
[[nodiscard]] Result<void> insert_send_request(SqlConnection& connection, SendRequestRecord const& request,
    std::vector<MessageRecord> const& messages, std::optional<NewIdempotencyKey> const& idempotency,
    std::optional<InitialClaim> const& claim);

[[nodiscard]] Result<std::optional<IdempotencyRecord>> find_idempotency_key(
    SqlConnection& connection, std::string const& user_id, std::string const& key, Millis not_before);
[[nodiscard]] Result<void> store_idempotent_response(SqlConnection& connection, std::string const& user_id,
    std::string const& key, int status, std::string const& body);

}
