#include "api_keys/api_key_store.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr std::string_view kColumns = "k.id, k.owner_id, k.name, k.prefix, k.key_hash, k.scopes, k.expires_at, k.created_at, "
                                      "k.created_by, k.last_used_at, k.last_used_address, k.revoked_at, k.revoked_by";

ApiKeyRecord record_from(SqlRow const& row)
{
    ApiKeyRecord key;
    key.id = row.text(0);
    key.owner_id = row.text(1);
    key.name = row.text(2);
    key.prefix = row.text(3);
    key.key_hash = row.text(4);
    auto scopes = nlohmann::json::parse(row.text(5), nullptr, false);
    if (scopes.is_array()) {
        for (auto const& scope : scopes) {
            if (scope.is_string())
                key.scopes.push_back(scope.get<std::string>());
        }
    }
    key.expires_at = row.optional_integer(6);
    key.created_at = row.integer(7);
    key.created_by = row.optional_text(8);
    key.last_used_at = row.optional_integer(9);
    key.last_used_address = row.optional_text(10);
    key.revoked_at = row.optional_integer(11);
    key.revoked_by = row.optional_text(12);
    return key;
}

Result<std::optional<ApiKeyRecord>> find_one(SqlConnection& connection, std::string_view column, std::string_view value)
{
    auto found = connection.execute(
        std::string("SELECT ") + std::string(kColumns) + " FROM mmsgate_api_key k WHERE k." + std::string(column) + " = $1",
        { std::string(value) });
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (found->rows.empty())
        return std::nullopt;
    return record_from(found->rows[0]);
}

}

Result<void> insert_api_key(SqlConnection& connection, ApiKeyRecord const& key)
{
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_api_key (id, owner_id, name, prefix, key_hash, scopes, expires_at, created_at, created_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        { key.id, key.owner_id, key.name, key.prefix, key.key_hash, nlohmann::json(key.scopes).dump(), sql_value(key.expires_at),
            key.created_at, sql_value(key.created_by) });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return {};
}

Result<std::optional<ApiKeyRecord>> find_api_key_by_prefix(SqlConnection& connection, std::string_view prefix)
{
    return find_one(connection, "prefix", prefix);
}

Result<std::optional<ApiKeyRecord>> find_api_key(SqlConnection& connection, std::string_view id)
{
    return find_one(connection, "id", id);
}

Result<std::vector<ApiKeyRecord>> list_api_keys(SqlConnection& connection, std::optional<std::string> const& owner_id)
{
    auto sql = std::string("SELECT ") + std::string(kColumns) + ", u.\"email\" FROM mmsgate_api_key k LEFT JOIN \"User\" u ON u.\"id\" = k.owner_id "
        + (owner_id ? "WHERE k.owner_id = $1 " : "") + "ORDER BY k.created_at DESC, k.id DESC";
    auto found = owner_id ? connection.execute(sql, { *owner_id }) : connection.execute(sql);
    if (!found)
        return std::unexpected(std::move(found.error()));
    std::vector<ApiKeyRecord> keys;
    for (auto const& row : found->rows) {
        keys.push_back(record_from(row));
        keys.back().owner_email = row.text(13);
    }
    return keys;
}

Result<bool> revoke_api_key(SqlConnection& connection, std::string_view id, std::optional<std::string> const& by, Millis now)
{
    auto updated = connection.execute("UPDATE mmsgate_api_key SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL",
        { now, sql_value(by), std::string(id) });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return updated->affected_rows > 0;
}

Result<void> record_api_key_use(SqlConnection& connection, std::string_view id, Millis at, std::string const& address)
{
    auto updated = connection.execute("UPDATE mmsgate_api_key SET last_used_at = $1, last_used_address = $2 WHERE id = $3",
        { at, address, std::string(id) });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return {};
}

}
