#pragma once
// An enum's text forms (for logs, JSON, the database) kept in one table per enum, so that naming a
// value and parsing its name cannot disagree. A value missing from its table gets the fallback.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace mmsgate {

template <typename Enum>
struct NamedValue {
    Enum value;
    std::string_view name;
};

template <typename Enum, std::size_t Count>
using NameTable = std::array<NamedValue<Enum>, Count>;

template <typename Enum, std::size_t Count>
[[nodiscard]] constexpr std::string_view name_in(NameTable<Enum, Count> const& table, Enum value,
    std::string_view fallback)
{
    for (auto const& entry : table)
        if (entry.value == value)
            return entry.name;
    return fallback;
}

template <typename Enum, std::size_t Count>
[[nodiscard]] constexpr std::optional<Enum> value_named(NameTable<Enum, Count> const& table, std::string_view name)
{
    for (auto const& entry : table)
        if (entry.name == name)
            return entry.value;
    return std::nullopt;
}

}
