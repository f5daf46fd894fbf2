#pragma once
// Users for the auth and CLI code: the seed's Prisma "User" row (e-mail, bcrypt hash) joined with
// mmsgate's own settings row, which a user created by the seed does not have (defaults apply).
// Run them inside a Database write or read job: create_user writes two rows that belong together.
#include "store/sql_connection.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

struct User {
    std::string id;
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> image;
    std::optional<std::string> password_hash;
    bool is_admin = false; // role == "admin"
    bool disabled = false;
    // Unix ms; sessions issued before it are void.
    std::int64_t session_epoch = 0;
    // admin | sender | viewer (auth/permission.hpp parses it); a seed user without settings is a sender.
    std::string role = "sender";
    std::optional<std::int64_t> last_sign_in_at;
    std::optional<std::string> last_sign_in_address;
};

struct NewUser {
    std::string email;
    std::optional<std::string> name;
    std::string password_hash;
    bool is_admin = false;
    // admin | sender | viewer; empty: "admin" when is_admin, else "sender".
    std::string role;
};

// E-mail addresses are stored as given and matched case-insensitively (SQLite folds ASCII only).
// When the seed stored two addresses differing only in case, the exact match wins.
[[nodiscard]] Result<std::optional<User>> find_user_by_email(SqlConnection& connection, std::string_view email);
[[nodiscard]] Result<std::optional<User>> find_user_by_id(SqlConnection& connection, std::string_view id);
// AlreadyExists (field "email") when the address is taken, in any letter case.
[[nodiscard]] Result<User> create_user(SqlConnection& connection, NewUser const& user, std::int64_t now_ms);
// Also sets session_epoch to now_ms, which voids every older session. NotFound for an unknown id.
[[nodiscard]] Result<void> set_user_password(
    SqlConnection& connection, std::string_view user_id, std::string_view hash, std::int64_t now_ms);
// The same password hashed again (another bcrypt cost): sessions stay valid. Only while the stored
// hash is still `old_hash`, so a password changed meanwhile is never overwritten. No error when not.
[[nodiscard]] Result<void> replace_password_hash(
    SqlConnection& connection, std::string_view user_id, std::string_view old_hash, std::string_view new_hash);
// Disabling also voids the user's sessions (session_epoch = now_ms). NotFound for an unknown id.
[[nodiscard]] Result<void> set_user_disabled(
    SqlConnection& connection, std::string_view user_id, bool disabled, std::int64_t now_ms);
// Sets the role (and is_admin to match) and voids the user's sessions (session_epoch = now_ms), so
// the new role applies from the next sign-in. NotFound for an unknown id.
[[nodiscard]] Result<void> set_user_role(
    SqlConnection& connection, std::string_view user_id, std::string_view role, std::int64_t now_ms);
// Remembers a successful sign-in (shown to admins). NotFound for an unknown id.
[[nodiscard]] Result<void> record_sign_in(
    SqlConnection& connection, std::string_view user_id, std::string_view client_address, std::int64_t now_ms);
// Admins who are not disabled: the last one may not be demoted or disabled.
[[nodiscard]] Result<std::int64_t> count_active_admins(SqlConnection& connection);
// Ordered by e-mail address.
[[nodiscard]] Result<std::vector<User>> list_users(SqlConnection& connection);
[[nodiscard]] Result<std::int64_t> count_users(SqlConnection& connection);
// The highest bcrypt cost among stored password hashes (0 when there is none): one cheap row.
[[nodiscard]] Result<int> highest_password_cost(SqlConnection& connection);

}
