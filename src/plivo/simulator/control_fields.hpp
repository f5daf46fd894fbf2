#pragma once
// Reading the JSON bodies of the simulator's control API (/_sim/faults, /_sim/limits).
#include "core/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <type_traits>

namespace mmsgate::simulator {

// Reads an optional integer field within [minimum, maximum] into `out`; absent or null leaves it.
Result<void> read_integer(nlohmann::json const& body, char const* key, long long minimum, long long maximum, auto& out)
{
    auto found = body.find(key);
    if (found == body.end() || found->is_null())
        return {};
    if (!found->is_number_integer() || found->get<long long>() < minimum || found->get<long long>() > maximum)
        return fail_field(key, fmt::format("{} must be an integer from {} to {}", key, minimum, maximum));
    out = static_cast<std::remove_cvref_t<decltype(out)>>(found->get<long long>());
    return {};
}

}
