#include "api_keys/api_key_store.hpp"

#include "store/row_reader.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

constexpr std::string_view kColumns = "k.id, k.owner_id, k.name, k.prefix, k.key_hash, k.scopes, k.expires_at, k.created_at, "
                                      "k.created_by, k.last_used_at, k.last_used_address, k.revoked_at, k.revoked_by";

ApiKeyRecord record_from(RowReader& next)
{
    ApiKeyRecord key;
    next(key.id, key.owner_id, key.name, key.prefix, key.key_hash, key.scopes, key.expires_at, key.created_at, key.created_by,
        key.last_used_at, key.last_used_address, key.revoked_at, key.revoked_by);
    return key;
}

Result<std::optional<ApiKeyRecord>> find_one(SqlConnection& connection, std::string_view column, std::string_view value)
{
    return select_first(connection,
        std::string("SELECT ") + std::string(kColumns) + " FROM mmsgate_api_key k WHERE k." + std::string(column) + " = $1",
        { std::string(value) }, record_from);
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
    return select_rows(connection, sql, owner_id ? SqlParams { *owner_id } : SqlParams {}, [](RowReader& next) {
        auto key = record_from(next);
        next(key.owner_email);
        return key;
    });
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
