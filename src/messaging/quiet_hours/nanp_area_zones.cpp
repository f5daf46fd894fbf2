#include "messaging/quiet_hours/nanp_area_zones.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace mmsgate {

namespace detail {
// nanp_area_zones.txt, compiled in as text (CMakeLists.txt).
std::string_view nanp_area_zones_text();
}

namespace {

// One line: "area-code zone [zone ...]"; '#' starts a comment line. The file is sorted by area code.
std::vector<AreaCodeZones> parse_area_codes(std::string_view text)
{
    std::vector<AreaCodeZones> area_codes;
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view {} : text.substr(end + 1);
        if (line.empty() || line.starts_with('#'))
            continue;
        AreaCodeZones entry;
        auto space = line.find(' ');
        std::from_chars(line.data(), line.data() + std::min(space, line.size()), entry.area_code);
        for (std::size_t zone = 0; space != std::string_view::npos && zone < entry.zones.size(); ++zone) {
            line = line.substr(space + 1);
            space = line.find(' ');
            entry.zones[zone] = line.substr(0, space);
        }
        area_codes.push_back(entry);
    }
    return area_codes;
}

std::vector<AreaCodeZones> const& area_codes()
{
    static auto const parsed = parse_area_codes(detail::nanp_area_zones_text());
    return parsed;
}

}

std::optional<AreaCodeZones> zones_of_area_code(int area_code)
{
    auto const& known = area_codes();
    auto found = std::ranges::lower_bound(known, area_code, {}, &AreaCodeZones::area_code);
    if (found == known.end() || found->area_code != area_code)
        return std::nullopt;
    return *found;
}

}
