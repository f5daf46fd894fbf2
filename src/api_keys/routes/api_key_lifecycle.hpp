#pragma once
// Creating and revoking API keys, each with its audit entry in the same transaction; shared by the
// HTTP routes and `mmsgate key`. Run inside a Database write job.
#include "api_keys/api_key_store.hpp"
#include "auth/permission.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

inline constexpr int kMaxApiKeyExpiryDays = 3650;

// Who asks, for the audit entry.
struct ApiKeyActor {
    std::optional<std::string> id;
    std::string label; // e-mail address, or "cli"
    std::string client_address;
};

struct ApiKeyRequest {
    std::string owner_id;
    Role owner_role = Role::Sender;
    std::string name;
    std::vector<std::string> scopes;
    std::optional<int> expires_in_days;
};

struct CreatedApiKey {
    std::string key; // the only time it exists outside the caller's hands
    ApiKeyRecord record;
};

// InvalidArgument (with the field) for an empty or long name, no scope, an unknown scope, a scope
// the owner's role does not allow, or an expiry outside 1…3650 days.
[[nodiscard]] Result<void> validate_api_key_request(ApiKeyRequest const& request);
[[nodiscard]] Result<CreatedApiKey> create_api_key(SqlConnection& connection, ApiKeyRequest const& request, ApiKeyActor const& actor, Millis now);
// NotFound for an unknown id; revoking a revoked key changes nothing (and is not audited again).
[[nodiscard]] Result<ApiKeyRecord> revoke_api_key_audited(SqlConnection& connection, std::string const& id, ApiKeyActor const& actor, Millis now);

// The JSON form of a key in the API (never the hash).
[[nodiscard]] nlohmann::json api_key_json(ApiKeyRecord const& key);

}
