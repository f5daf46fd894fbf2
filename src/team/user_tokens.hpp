#pragma once
// One-time links for people: an invite (valid 48 h) creates an account with the invited role; a
// password reset (valid 24 h) sets a new password. Only the token's SHA-256 is stored; a token is
// used once (the use is recorded in the transaction that uses it).
#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql_connection.hpp"

#include <optional>
#include <string>

namespace mmsgate {

inline constexpr Millis kInviteValidity = 48LL * 3600 * 1000;
inline constexpr Millis kPasswordResetValidity = 24LL * 3600 * 1000;

enum class UserTokenKind { Invite, Reset };

struct UserToken {
    std::string id;
    UserTokenKind kind = UserTokenKind::Invite;
    std::string email;
    std::string role; // the invited role (invite)
    std::optional<std::string> user_id; // the account whose password is reset (reset)
    Millis expires_at = 0;
};

struct NewUserToken {
    UserTokenKind kind = UserTokenKind::Invite;
    std::string email;
    std::string role;
    std::optional<std::string> user_id;
    std::optional<std::string> created_by;
};

struct IssuedUserToken {
    UserToken token;
    std::string secret; // the link's token: in this answer only
};

// Stores a new link; earlier unused links of the same kind for the same address stop working.
[[nodiscard]] Result<IssuedUserToken> issue_user_token(SqlConnection& connection, NewUserToken const& request, Millis now);
// The unused, unexpired link `secret` names; nullopt when there is none.
[[nodiscard]] Result<std::optional<UserToken>> find_user_token(SqlConnection& connection, std::string_view secret, Millis now);
// Marks the link used; Conflict when another request used it first.
[[nodiscard]] Result<void> use_user_token(SqlConnection& connection, std::string_view id, std::optional<std::string> const& user_id, Millis now);

[[nodiscard]] std::string_view to_string(UserTokenKind kind);

}
