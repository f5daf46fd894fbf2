#pragma once
// Reading suppression rows (shared by the checks and the admin listing).
#include "suppressions/list/suppression_list.hpp"

namespace mmsgate {

// Rows of mmsgate_suppression filtered and ordered by `where` (SQL after WHERE).
[[nodiscard]] Result<std::vector<Suppression>> select_suppressions(
    SqlConnection& connection, std::string const& where, SqlParams const& params);

}
