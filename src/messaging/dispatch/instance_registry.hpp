#pragma once
// Plivo's API limits hold per account, not per process: the mmsgate instances on one database
// share them. Each instance records a heartbeat; the ones seen recently are alive, and each takes
// an equal share of the limits (see Dispatcher and RateLimiter::share_among).
#include "core/clock.hpp"
#include "store/sql_connection.hpp"

#include <string>

namespace mmsgate {

struct InstanceHeartbeatSettings {
    Millis interval = 1'000; // how often each instance records its heartbeat
    Millis live_within = 3'500; // a heartbeat older than this is a stopped or dead instance
    Millis forget_after = 3'600'000; // rows of instances gone this long are deleted
};

// Records that `instance_id` is alive at `now` (its first heartbeat also sets started_at) and
// answers how many instances are alive, this one included.
[[nodiscard]] Result<int> record_instance_heartbeat(SqlConnection& connection, std::string const& instance_id,
    Millis now, InstanceHeartbeatSettings const& settings);

// A stopping instance hands its share back at once rather than after `live_within`.
[[nodiscard]] Result<void> remove_instance(SqlConnection& connection, std::string const& instance_id);

}
