#pragma once
// Small builders of the JSON the API answers with.
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace mmsgate {

// A JSON array of `items`, each written by `to_json`.
template <typename Items, typename ToJson>
[[nodiscard]] nlohmann::json json_array_of(Items const& items, ToJson const& to_json)
{
    auto array = nlohmann::json::array();
    for (auto const& item : items)
        array.push_back(to_json(item));
    return array;
}

// The value, or JSON null when there is none.
template <typename T>
[[nodiscard]] nlohmann::json json_or_null(std::optional<T> const& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// The time in ISO 8601, or JSON null when there is none.
[[nodiscard]] inline nlohmann::json iso8601_or_null(std::optional<Millis> millis)
{
    return millis ? nlohmann::json(format_iso8601(*millis)) : nlohmann::json(nullptr);
}

}
