#pragma once
// `mmsgate plivo setup`: points Plivo at this server. Creates the Plivo Application (or updates
// it) with message_url = MMSGATE_PUBLIC_URL + /api/plivo/inbound and message_method POST, and
// attaches the number(s) to it. Idempotent: a second run changes nothing and says so. Prints
// every change. Talks to PLIVO_API_URL (the simulator in tests).
#include "config/config.hpp"

#include <string>
#include <vector>

namespace mmsgate {

struct PlivoSetupOptions {
    std::string app_name = "mmsgate";
    std::vector<std::string> numbers; // E.164; none: PLIVO_SENDER_NUMBER
};

[[nodiscard]] int plivo_setup(Config const& config, PlivoSetupOptions const& options);

}
