#pragma once
// Who may do what: a role per account (admin, sender, viewer) and, for an API key, the scopes it
// was given. Every route names the one Permission it needs; SignedInRoutes checks it on the server.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace mmsgate {

enum class Role {
    // Users, keys, webhooks, settings, the suppression list, the audit log; and everything a sender may.
    Admin,
    // Send, reply, read.
    Sender,
    // Read only.
    Viewer,
};

// One thing a route does. The text form ("messages:send") is an API key's scope name.
enum class Permission {
    MessagesSend,       // messages:send  — send, resend, reply
    MessagesRead,       // messages:read  — history, detail, export, live feed, media
    ConversationsRead,  // conversations:read — list, read, mark as read (per-user state only)
    SuppressionsRead,   // suppressions:read
    SuppressionsWrite,  // suppressions:write — add, end, import
    Administer,         // admin — users, invites, keys, webhooks, settings, audit log
};

[[nodiscard]] std::string_view to_string(Role role);
[[nodiscard]] std::optional<Role> parse_role(std::string_view text);
[[nodiscard]] std::string_view to_string(Permission permission);
[[nodiscard]] std::optional<Permission> parse_permission(std::string_view text);
// Every permission, in declaration order (for tables of routes and the scope picker).
[[nodiscard]] std::span<Permission const> all_permissions();

[[nodiscard]] bool role_allows(Role role, Permission permission);

}
