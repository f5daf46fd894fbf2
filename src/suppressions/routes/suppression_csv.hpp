#pragma once
// The suppression list as CSV (cells neutralised like the history export) and the import format:
// one number a line, optionally followed by a comma and a note; a header line is skipped.
#include "suppressions/list/suppression_list.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

[[nodiscard]] std::string suppressions_csv(std::vector<Suppression> const& entries);

struct ImportLine {
    int line = 0;
    std::string number; // as written
    std::string note;
};
[[nodiscard]] std::vector<ImportLine> parse_suppression_import(std::string_view text);

}
