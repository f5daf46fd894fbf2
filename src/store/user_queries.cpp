#include "store/user_queries.hpp"

#include "core/ids.hpp"
#include "store/row_reader.hpp"

#include <fmt/format.h>

#include <cctype>

namespace mmsgate {

namespace {

// Serialises user creation on PostgreSQL so that two concurrent creates cannot both pass the
// case-insensitive check ("User_email_key" is case-sensitive). SQLite has one writer anyway.
constexpr std::int64_t kCreateUserLockKey = 0x6d6d7367617466;

constexpr std::string_view kSelectUser = R"sql(
SELECT u."id", u."name", u."email", u."image", u."password",
       COALESCE(s.is_admin, 0), COALESCE(s.disabled, 0), COALESCE(s.session_epoch, 0),
       COALESCE(s.role, 'sender'), s.last_sign_in_at, s.last_sign_in_address
FROM "User" u LEFT JOIN mmsgate_user_settings s ON s.user_id = u."id"
)sql";

User user_from_row(RowReader& next)
{
    User user;
    next(user.id, user.name, user.email, user.image, user.password_hash, user.is_admin, user.disabled, user.session_epoch,
        user.role, user.last_sign_in_at, user.last_sign_in_address);
    return user;
}

Result<void> require_user(SqlConnection& connection, std::string_view user_id)
{
    auto found = select_integer(connection, R"sql(SELECT count(*) FROM "User" WHERE "id" = $1)sql", { std::string(user_id) });
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (*found == 0)
        return fail(ErrorCode::NotFound, "no such user", fmt::format("user {} does not exist", user_id));
    return {};
}

}

Result<std::optional<User>> find_user_by_email(SqlConnection& connection, std::string_view email)
{
    auto sql = fmt::format(R"sql({} WHERE lower(u."email") = lower($1) ORDER BY (u."email" = $1) DESC, u."id" LIMIT 1)sql",
        kSelectUser);
    return select_first(connection, sql, { std::string(email) }, user_from_row);
}

Result<std::optional<User>> find_user_by_id(SqlConnection& connection, std::string_view id)
{
    auto sql = fmt::format(R"sql({} WHERE u."id" = $1)sql", kSelectUser);
    return select_first(connection, sql, { std::string(id) }, user_from_row);
}

Result<User> create_user(SqlConnection& connection, NewUser const& new_user, std::int64_t now_ms)
{
    if (connection.dialect() == Dialect::Postgres) {
        if (auto locked = connection.execute("SELECT pg_advisory_xact_lock($1)", { kCreateUserLockKey }); !locked)
            return std::unexpected(std::move(locked.error()));
    }
    auto existing = find_user_by_email(connection, new_user.email);
    if (!existing)
        return std::unexpected(std::move(existing.error()));
    if (*existing)
        return std::unexpected(Error { ErrorCode::AlreadyExists, "a user with this e-mail address exists",
            "create_user: the e-mail address is taken", "email" });

    auto role = !new_user.role.empty() ? new_user.role : std::string(new_user.is_admin ? "admin" : "sender");
    User user { .id = new_cuid(),
        .name = new_user.name,
        .email = new_user.email,
        .image = std::nullopt,
        .password_hash = new_user.password_hash,
        .is_admin = role == "admin",
        .disabled = false,
        .session_epoch = 0,
        .role = role,
        .last_sign_in_at = std::nullopt,
        .last_sign_in_address = std::nullopt };
    auto inserted = connection.execute(R"sql(INSERT INTO "User" ("id", "name", "email", "password") VALUES ($1, $2, $3, $4))sql",
        { user.id, sql_value(user.name), new_user.email, new_user.password_hash });
    if (!inserted) {
        if (inserted.error().code == ErrorCode::AlreadyExists)
            inserted.error().field = "email";
        return std::unexpected(std::move(inserted.error()));
    }
    auto settings = connection.execute(R"sql(
INSERT INTO mmsgate_user_settings (user_id, is_admin, disabled, session_epoch, created_at, updated_at, role)
VALUES ($1, $2, 0, 0, $3, $3, $4))sql",
        { user.id, std::int64_t(user.is_admin ? 1 : 0), now_ms, role });
    if (!settings)
        return std::unexpected(std::move(settings.error()));
    return user;
}

Result<void> set_user_password(SqlConnection& connection, std::string_view user_id, std::string_view hash, std::int64_t now_ms)
{
    auto updated = connection.execute(R"sql(UPDATE "User" SET "password" = $2 WHERE "id" = $1)sql",
        { std::string(user_id), std::string(hash) });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    if (updated->affected_rows == 0)
        return fail(ErrorCode::NotFound, "no such user", fmt::format("user {} does not exist", user_id));
    return execute_statement(connection, R"sql(
INSERT INTO mmsgate_user_settings (user_id, session_epoch, created_at, updated_at) VALUES ($1, $2, $2, $2)
ON CONFLICT (user_id) DO UPDATE SET session_epoch = excluded.session_epoch, updated_at = excluded.updated_at)sql",
        { std::string(user_id), now_ms });
}

Result<void> replace_password_hash(
    SqlConnection& connection, std::string_view user_id, std::string_view old_hash, std::string_view new_hash)
{
    auto updated = connection.execute(R"sql(UPDATE "User" SET "password" = $3 WHERE "id" = $1 AND "password" = $2)sql",
        { std::string(user_id), std::string(old_hash), std::string(new_hash) });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    return {};
}

Result<void> set_user_disabled(SqlConnection& connection, std::string_view user_id, bool disabled, std::int64_t now_ms)
{
    if (auto exists = require_user(connection, user_id); !exists)
        return exists;
    // Disabling voids the sessions, so that enabling the user again does not bring them back.
    auto settings = disabled
        ? connection.execute(R"sql(
INSERT INTO mmsgate_user_settings (user_id, disabled, session_epoch, created_at, updated_at) VALUES ($1, 1, $2, $2, $2)
ON CONFLICT (user_id) DO UPDATE SET disabled = 1, session_epoch = excluded.session_epoch, updated_at = excluded.updated_at)sql",
              { std::string(user_id), now_ms })
        : connection.execute(R"sql(
INSERT INTO mmsgate_user_settings (user_id, disabled, created_at, updated_at) VALUES ($1, 0, $2, $2)
ON CONFLICT (user_id) DO UPDATE SET disabled = 0, updated_at = excluded.updated_at)sql",
              { std::string(user_id), now_ms });
    if (!settings)
        return std::unexpected(std::move(settings.error()));
    return {};
}

Result<void> set_user_role(SqlConnection& connection, std::string_view user_id, std::string_view role, std::int64_t now_ms)
{
    if (auto exists = require_user(connection, user_id); !exists)
        return exists;
    return execute_statement(connection, R"sql(
INSERT INTO mmsgate_user_settings (user_id, role, is_admin, session_epoch, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $4)
ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, is_admin = excluded.is_admin,
    session_epoch = excluded.session_epoch, updated_at = excluded.updated_at)sql",
        { std::string(user_id), std::string(role), std::int64_t(role == "admin" ? 1 : 0), now_ms });
}

Result<void> record_sign_in(SqlConnection& connection, std::string_view user_id, std::string_view client_address, std::int64_t now_ms)
{
    if (auto exists = require_user(connection, user_id); !exists)
        return exists;
    return execute_statement(connection, R"sql(
INSERT INTO mmsgate_user_settings (user_id, last_sign_in_at, last_sign_in_address, created_at, updated_at) VALUES ($1, $2, $3, $2, $2)
ON CONFLICT (user_id) DO UPDATE SET last_sign_in_at = excluded.last_sign_in_at,
    last_sign_in_address = excluded.last_sign_in_address)sql",
        { std::string(user_id), now_ms, std::string(client_address) });
}

Result<std::int64_t> count_active_admins(SqlConnection& connection)
{
    return select_integer(connection, "SELECT count(*) FROM mmsgate_user_settings WHERE role = 'admin' AND disabled = 0");
}

Result<std::vector<User>> list_users(SqlConnection& connection)
{
    auto sql = fmt::format(R"sql({} ORDER BY u."email" IS NULL, lower(u."email"), u."id")sql", kSelectUser);
    return select_rows(connection, sql, {}, user_from_row);
}

Result<std::int64_t> count_users(SqlConnection& connection)
{
    return select_integer(connection, R"sql(SELECT count(*) FROM "User")sql");
}

Result<int> highest_password_cost(SqlConnection& connection)
{
    // "$2b$12$…": the two digits at 5..6; compared as text, "04" < "10" < "31" like the numbers.
    auto highest = connection.execute(R"sql(SELECT max(substr("password", 5, 2)) FROM "User"
        WHERE length("password") = 60 AND substr("password", 1, 2) = '$2' AND substr("password", 5, 2) BETWEEN '04' AND '31')sql");
    if (!highest)
        return std::unexpected(std::move(highest.error()));
    auto digits = highest->rows[0].optional_text(0);
    if (!digits || digits->size() != 2 || !std::isdigit(static_cast<unsigned char>((*digits)[0]))
        || !std::isdigit(static_cast<unsigned char>((*digits)[1])))
        return 0;
    return ((*digits)[0] - '0') * 10 + ((*digits)[1] - '0');
}

}
