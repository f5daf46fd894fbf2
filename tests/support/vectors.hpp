#pragma once
// The test vectors made with the real next-auth / bcrypt libraries (tests/vectors/).
#include <nlohmann/json.hpp>

namespace mmsgate::testing {

[[nodiscard]] nlohmann::json const& nextauth_vectors();

}
