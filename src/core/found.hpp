#pragma once
// Lookups that must find something (a row named by an id): "nothing found" becomes an error value.
#include "core/error.hpp"

#include <optional>

namespace mmsgate {

// What `found` holds, its error, or `missing` when the lookup found nothing.
template <typename T>
[[nodiscard]] Result<T> found_or(Result<std::optional<T>> found, std::unexpected<Error> missing)
{
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (!*found)
        return missing;
    return std::move(**found);
}

}
