#include "team/user_tokens.hpp"

#include "core/digest.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "core/random.hpp"
#include "core/secret.hpp"
#include "store/row_reader.hpp"

namespace mmsgate {

namespace {

std::string token_hash(std::string_view secret) { return hex_encode(sha256(secret)); }

bool plausible_secret(std::string_view secret)
{
    return secret.size() == 43
        && secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string_view::npos;
}

}

std::string_view to_string(UserTokenKind kind) { return kind == UserTokenKind::Invite ? "invite" : "reset"; }

Result<IssuedUserToken> issue_user_token(SqlConnection& connection, NewUserToken const& request, Millis now)
{
    // 32 random bytes, base64url without padding: 43 characters, safe in a URL path.
    auto secret = base64url_encode(random_bytes(32));
    UserToken token { .id = new_cuid(),
        .kind = request.kind,
        .email = request.email,
        .role = request.role,
        .user_id = request.user_id,
        .expires_at = now + (request.kind == UserTokenKind::Invite ? kInviteValidity : kPasswordResetValidity) };
    auto voided = connection.execute(
        "UPDATE mmsgate_user_token SET expires_at = $3 WHERE lower(email) = lower($1) AND kind = $2 AND used_at IS NULL AND expires_at > $3",
        { request.email, std::string(to_string(request.kind)), now });
    if (!voided)
        return std::unexpected(std::move(voided.error()));
    auto inserted = connection.execute(
        "INSERT INTO mmsgate_user_token (id, kind, token_hash, email, role, user_id, created_by, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        { token.id, std::string(to_string(request.kind)), token_hash(secret), request.email, request.role, sql_value(request.user_id),
            sql_value(request.created_by), now, token.expires_at });
    if (!inserted)
        return std::unexpected(std::move(inserted.error()));
    return IssuedUserToken { std::move(token), std::move(secret) };
}

Result<std::optional<UserToken>> find_user_token(SqlConnection& connection, std::string_view secret, Millis now)
{
    if (!plausible_secret(secret))
        return std::optional<UserToken> {};
    auto hash = token_hash(secret);
    auto found = select_first(connection,
        "SELECT id, kind, email, role, user_id, expires_at, token_hash FROM mmsgate_user_token "
        "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        { hash, now }, [](RowReader& next) {
            UserToken token;
            next(token.id);
            token.kind = next.next<std::string>() == "invite" ? UserTokenKind::Invite : UserTokenKind::Reset;
            next(token.email, token.role, token.user_id, token.expires_at);
            return std::pair { std::move(token), next.next<std::string>() };
        });
    if (!found)
        return std::unexpected(std::move(found.error()));
    // The index found it by hash; the comparison that decides is the constant-time one.
    if (!*found || !constant_time_equals((*found)->second, hash))
        return std::optional<UserToken> {};
    return std::optional<UserToken> { std::move((*found)->first) };
}

Result<void> use_user_token(SqlConnection& connection, std::string_view id, std::optional<std::string> const& user_id, Millis now)
{
    auto updated = connection.execute(
        "UPDATE mmsgate_user_token SET used_at = $2, user_id = COALESCE($3, user_id) WHERE id = $1 AND used_at IS NULL",
        { std::string(id), now, sql_value(user_id) });
    if (!updated)
        return std::unexpected(std::move(updated.error()));
    if (updated->affected_rows == 0)
        return fail(ErrorCode::Conflict, "This link has been used already");
    return {};
}

}
