#include "api_keys/routes/api_key_lifecycle.hpp"

#include "api_keys/api_key_format.hpp"
#include "audit/audit_log.hpp"
#include "core/found.hpp"
#include "core/ids.hpp"
#include "http/json_values.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

namespace {

constexpr std::size_t kMaxNameLength = 100;

}

Result<void> validate_api_key_request(ApiKeyRequest const& request)
{
    if (request.name.empty() || request.name.size() > kMaxNameLength)
        return fail_field("name", "Give the key a name of 1 to 100 characters");
    if (request.scopes.empty())
        return fail_field("scopes", "Choose at least one scope");
    for (auto const& scope : request.scopes) {
        auto permission = parse_permission(scope);
        if (!permission)
            return fail_field("scopes", "Unknown scope " + scope);
        if (!role_allows(request.owner_role, *permission))
            return fail_field("scopes",
                "The key's owner (role " + std::string(to_string(request.owner_role)) + ") may not use the scope " + scope);
    }
    if (request.expires_in_days && (*request.expires_in_days < 1 || *request.expires_in_days > kMaxApiKeyExpiryDays))
        return fail_field("expiresInDays", "The expiry must be 1 to 3650 days, or none");
    return {};
}

Result<CreatedApiKey> create_api_key(SqlConnection& connection, ApiKeyRequest const& request, ApiKeyActor const& actor, Millis now)
{
    if (auto valid = validate_api_key_request(request); !valid)
        return std::unexpected(std::move(valid.error()));
    ApiKeyRecord record;
    record.id = new_cuid();
    record.owner_id = request.owner_id;
    record.name = request.name;
    record.scopes = request.scopes;
    std::ranges::sort(record.scopes);
    record.scopes.erase(std::unique(record.scopes.begin(), record.scopes.end()), record.scopes.end());
    if (request.expires_in_days)
        record.expires_at = now + Millis(*request.expires_in_days) * 24 * 3600 * 1000;
    record.created_at = now;
    record.created_by = actor.id;
    // A prefix collision (2^-47 per pair) would fail the whole transaction on PostgreSQL, so it is
    // looked for first; a clash between two concurrent creations fails one of them (retryable).
    auto secret = generate_api_key();
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto taken = find_api_key_by_prefix(connection, secret.prefix);
        if (!taken)
            return std::unexpected(std::move(taken.error()));
        if (!*taken)
            break;
        secret = generate_api_key();
    }
    record.prefix = secret.prefix;
    record.key_hash = secret.hash;
    if (auto inserted = insert_api_key(connection, record); !inserted)
        return std::unexpected(std::move(inserted.error()));
    AuditEntry entry;
    entry.action = "key.created";
    entry.actor_id = actor.id;
    entry.actor_label = actor.label;
    entry.target_type = "key";
    entry.target_id = record.id;
    entry.client_address = actor.client_address;
    entry.detail = { { "name", record.name }, { "prefix", record.prefix }, { "owner", record.owner_id }, { "scopes", record.scopes },
        { "expiresAt", iso8601_or_null(record.expires_at) } };
    entry.occurred_at = now;
    if (auto audited = append_audit_entry(connection, entry); !audited)
        return std::unexpected(std::move(audited.error()));
    return CreatedApiKey { std::move(secret.key), std::move(record) };
}

Result<ApiKeyRecord> revoke_api_key_audited(SqlConnection& connection, std::string const& id, ApiKeyActor const& actor, Millis now)
{
    auto revoked = revoke_api_key(connection, id, actor.id, now);
    if (!revoked)
        return std::unexpected(std::move(revoked.error()));
    auto record = found_or(find_api_key(connection, id), fail(ErrorCode::NotFound, "No API key with this id"));
    if (!record)
        return record;
    if (*revoked) {
        AuditEntry entry;
        entry.action = "key.revoked";
        entry.actor_id = actor.id;
        entry.actor_label = actor.label;
        entry.target_type = "key";
        entry.target_id = id;
        entry.client_address = actor.client_address;
        entry.detail = { { "name", record->name }, { "prefix", record->prefix }, { "owner", record->owner_id } };
        entry.occurred_at = now;
        if (auto audited = append_audit_entry(connection, entry); !audited)
            return std::unexpected(std::move(audited.error()));
    }
    return record;
}

nlohmann::json api_key_json(ApiKeyRecord const& key)
{
    return { { "id", key.id }, { "name", key.name }, { "prefix", key.prefix }, { "scopes", key.scopes }, { "ownerId", key.owner_id },
        { "ownerEmail", key.owner_email.empty() ? nlohmann::json(nullptr) : nlohmann::json(key.owner_email) },
        { "expiresAt", iso8601_or_null(key.expires_at) }, { "createdAt", format_iso8601(key.created_at) },
        { "lastUsedAt", iso8601_or_null(key.last_used_at) }, { "lastUsedAddress", json_or_null(key.last_used_address) },
        { "revokedAt", iso8601_or_null(key.revoked_at) }, { "revokedBy", json_or_null(key.revoked_by) } };
}

}
