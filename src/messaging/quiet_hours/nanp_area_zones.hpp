#pragma once
// The IANA time zones a North American area code covers (US and Canada), from libphonenumber's
// time-zone data (generated: scripts/generate-nanp-zones).
#include <array>
#include <optional>
#include <string_view>

namespace mmsgate {

struct AreaCodeZones {
    int area_code = 0;
    // Sorted; unused places are empty. Every listed zone must be in the quiet-hours window.
    std::array<std::string_view, 5> zones {};
};

// Nothing for an area code the data does not know (new ones, non-geographic ones).
[[nodiscard]] std::optional<AreaCodeZones> zones_of_area_code(int area_code);

}
