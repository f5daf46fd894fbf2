#pragma once
// Ids for new rows. Prisma generates cuid (v1) ids client-side and the seed's DDL has no default,
// so mmsgate generates the same shape: 25 characters, a leading 'c', lower-case base 36.
#include <string>

namespace mmsgate {

[[nodiscard]] std::string new_cuid();

}
