#pragma once
// The rows of mmsgate_api_key. Run these inside a Database job; a creation or revocation shares
// its job (transaction) with its audit entry.
#include "core/clock.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct ApiKeyRecord {
    std::string id;
    std::string owner_id;
    std::string owner_email; // filled by list_api_keys only
    std::string name;
    std::string prefix;
    std::string key_hash;
    std::vector<std::string> scopes;
    std::optional<Millis> expires_at;
    Millis created_at = 0;
    std::optional<std::string> created_by;
    std::optional<Millis> last_used_at;
    std::optional<std::string> last_used_address;
    std::optional<Millis> revoked_at;
    std::optional<std::string> revoked_by;
};

// AlreadyExists when the prefix is taken (1 in 2^47 per pair; the caller draws another key).
[[nodiscard]] Result<void> insert_api_key(SqlConnection& connection, ApiKeyRecord const& key);
[[nodiscard]] Result<std::optional<ApiKeyRecord>> find_api_key_by_prefix(SqlConnection& connection, std::string_view prefix);
[[nodiscard]] Result<std::optional<ApiKeyRecord>> find_api_key(SqlConnection& connection, std::string_view id);
// Newest first; only `owner_id`'s keys when given.
[[nodiscard]] Result<std::vector<ApiKeyRecord>> list_api_keys(SqlConnection& connection, std::optional<std::string> const& owner_id);
// False when the key is unknown or was revoked before.
[[nodiscard]] Result<bool> revoke_api_key(SqlConnection& connection, std::string_view id, std::optional<std::string> const& by, Millis now);
[[nodiscard]] Result<void> record_api_key_use(SqlConnection& connection, std::string_view id, Millis at, std::string const& address);

}
