#include "auth/permission.hpp"

#include <array>
#include <utility>

namespace mmsgate {

namespace {

constexpr std::array kPermissionNames {
    std::pair { Permission::MessagesSend, std::string_view("messages:send") },
    std::pair { Permission::MessagesRead, std::string_view("messages:read") },
    std::pair { Permission::ConversationsRead, std::string_view("conversations:read") },
    std::pair { Permission::SuppressionsRead, std::string_view("suppressions:read") },
    std::pair { Permission::SuppressionsWrite, std::string_view("suppressions:write") },
    std::pair { Permission::Administer, std::string_view("admin") },
};

constexpr std::array kPermissions {
    Permission::MessagesSend,
    Permission::MessagesRead,
    Permission::ConversationsRead,
    Permission::SuppressionsRead,
    Permission::SuppressionsWrite,
    Permission::Administer,
};

}

std::string_view to_string(Role role)
{
    switch (role) {
    case Role::Admin:
        return "admin";
    case Role::Sender:
        return "sender";
    case Role::Viewer:
        return "viewer";
    }
    return "viewer";
}

std::optional<Role> parse_role(std::string_view text)
{
    for (auto role : { Role::Admin, Role::Sender, Role::Viewer })
        if (to_string(role) == text)
            return role;
    return std::nullopt;
}

std::string_view to_string(Permission permission)
{
    for (auto const& [known, name] : kPermissionNames)
        if (known == permission)
            return name;
    return "admin";
}

std::optional<Permission> parse_permission(std::string_view text)
{
    for (auto const& [known, name] : kPermissionNames)
        if (name == text)
            return known;
    return std::nullopt;
}

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
