#include "auth/permission.hpp"

#include "core/names.hpp"

#include <array>

namespace mmsgate {

namespace {

constexpr NameTable<Role, 3> kRoleNames { { { Role::Admin, "admin" }, { Role::Sender, "sender" },
    { Role::Viewer, "viewer" } } };

// In declaration order: all_permissions() hands out the values in this order.
constexpr NameTable<Permission, 6> kPermissionNames { { { Permission::MessagesSend, "messages:send" },
    { Permission::MessagesRead, "messages:read" }, { Permission::ConversationsRead, "conversations:read" },
    { Permission::SuppressionsRead, "suppressions:read" }, { Permission::SuppressionsWrite, "suppressions:write" },
    { Permission::Administer, "admin" } } };

constexpr auto kPermissions = [] {
    std::array<Permission, kPermissionNames.size()> permissions {};
    for (std::size_t i = 0; i < kPermissionNames.size(); ++i)
        permissions[i] = kPermissionNames[i].value;
    return permissions;
}();

}

std::string_view to_string(Role role) { return name_in(kRoleNames, role, "viewer"); }

std::optional<Role> parse_role(std::string_view text) { return value_named(kRoleNames, text); }

std::string_view to_string(Permission permission) { return name_in(kPermissionNames, permission, "admin"); }

std::optional<Permission> parse_permission(std::string_view text) { return value_named(kPermissionNames, text); }

std::span<Permission const> all_permissions()
{
    return kPermissions;
}

bool role_allows(Role role, Permission permission)
{
    switch (role) {
    case Role::Admin:
        return true;
    case Role::Sender:
        return permission == Permission::MessagesSend || permission == Permission::MessagesRead
            || permission == Permission::ConversationsRead || permission == Permission::SuppressionsRead;
    case Role::Viewer:
        return permission == Permission::MessagesRead || permission == Permission::ConversationsRead
            || permission == Permission::SuppressionsRead;
    }
    return false;
}

}
