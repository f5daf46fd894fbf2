#include "messaging/dispatch/instance_registry.hpp"

#include <algorithm>

namespace mmsgate {

Result<int> record_instance_heartbeat(SqlConnection& connection, std::string const& instance_id, Millis now,
    InstanceHeartbeatSettings const& settings)
{
    auto recorded = connection.execute("INSERT INTO mmsgate_instance (id, started_at, seen_at) VALUES ($1, $2, $2) "
                                       "ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
        { instance_id, now });
    if (!recorded)
        return std::unexpected(std::move(recorded.error()));
    auto forgotten = connection.execute("DELETE FROM mmsgate_instance WHERE seen_at < $1", { now - settings.forget_after });
    if (!forgotten)
        return std::unexpected(std::move(forgotten.error()));
    auto live = connection.execute("SELECT count(*) FROM mmsgate_instance WHERE seen_at >= $1", { now - settings.live_within });
    if (!live)
        return std::unexpected(std::move(live.error()));
    return std::max<int>(1, live->rows.empty() ? 1 : int(live->rows[0].integer(0)));
}

Result<void> remove_instance(SqlConnection& connection, std::string const& instance_id)
{
    auto removed = connection.execute("DELETE FROM mmsgate_instance WHERE id = $1", { instance_id });
    if (!removed)
        return std::unexpected(std::move(removed.error()));
    return {};
}

}
