#pragma once
// The send path's one step for quiet hours (issue 16): recipients whose local time is in the quiet
// span are taken out of the request and stored as requests of their own, one per time they may go,
// unclaimed and due then, their messages `scheduled`. The others go at once as usual.
#include "config/quiet_hours_setting.hpp"
#include "http/response.hpp"
#include "messaging/message.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace mmsgate {

struct ScheduledRequest {
    SendRequestRecord request; // next_attempt_at: when the window opens; deadline moved as far
    std::vector<MessageRecord> messages; // state scheduled, scheduled_for set
};

struct QuietHoursHold {
    std::vector<ScheduledRequest> requests;

    [[nodiscard]] bool empty() const { return requests.empty(); }
    [[nodiscard]] std::vector<MessageRecord> messages() const;
    // [{ "to", "id", "state": "scheduled", "scheduledFor": ISO }] for the send response.
    [[nodiscard]] nlohmann::json json() const;
    // The send response with "scheduled" added (every JSON answer of the send routes carries it).
    [[nodiscard]] Response annotate(Response response) const;
    // 202 when every recipient was held: nothing goes now.
    [[nodiscard]] Response all_held_response(bool sandbox) const;
};

// Takes the held recipients out of `messages` (nothing when quiet hours are off or the send is
// transactional). When all are held, the first scheduled request keeps `base.id`, the id an
// idempotency key names.
[[nodiscard]] QuietHoursHold hold_for_quiet_hours(QuietHoursSettings const& settings, bool transactional,
    SendRequestRecord const& base, std::vector<MessageRecord>& messages);

}
