#include "auth/compact_jwe.hpp"

#include <array>

namespace mmsgate {

std::optional<CompactJwe> split_compact_jwe(std::string_view token)
{
    std::array<std::string_view, 5> segments;
    std::size_t count = 0;
    while (true) {
        if (count == segments.size())
            return std::nullopt;
        auto dot = token.find('.');
        segments[count++] = token.substr(0, dot);
        if (dot == std::string_view::npos)
            break;
        token.remove_prefix(dot + 1);
    }
    if (count != segments.size())
        return std::nullopt;
    return CompactJwe { segments[0], segments[1], segments[2], segments[3], segments[4] };
}

}
