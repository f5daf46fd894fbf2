#include "messaging/quiet_hours/quiet_hours_hold.hpp"

#include "core/ids.hpp"
#include "messaging/quiet_hours/recipient_window.hpp"

#include <map>

namespace mmsgate {

std::vector<MessageRecord> QuietHoursHold::messages() const
{
    std::vector<MessageRecord> all;
    for (auto const& scheduled : requests)
        all.insert(all.end(), scheduled.messages.begin(), scheduled.messages.end());
    return all;
}

nlohmann::json QuietHoursHold::json() const
{
    auto list = nlohmann::json::array();
    for (auto const& message : messages()) {
        list.push_back({ { "to", message.recipient }, { "id", message.id }, { "state", to_string(message.state) },
            { "scheduledFor", format_iso8601(message.scheduled_for.value_or(0)) } });
    }
    return list;
}

Response QuietHoursHold::annotate(Response response) const
{
    auto body = nlohmann::json::parse(response.body(), nullptr, false);
    if (!body.is_object())
        return response;
    body["scheduled"] = json();
    response.body() = json_text(body);
    response.prepare_payload();
    return response;
}

Response QuietHoursHold::all_held_response(bool sandbox) const
{
    auto held = messages();
    auto recipients = json();
    for (auto& entry : recipients)
        entry["messageUuid"] = nullptr;
    return json_response(http::status::accepted,
        { { "success", true }, { "status", "scheduled" }, { "id", held.empty() ? "" : held.front().id },
            { "reason",
                "Quiet hours: every recipient is outside the allowed hours in their local time. The message is stored "
                "and goes automatically when their window opens (see scheduled); it can be cancelled until then." },
            { "message", "Scheduled; mmsgate sends it when quiet hours end" }, { "recipients", recipients },
            { "scheduled", json() }, { "invalidNumbers", nlohmann::json::array() }, { "sandbox", sandbox } });
}

QuietHoursHold hold_for_quiet_hours(QuietHoursSettings const& settings, bool transactional,
    SendRequestRecord const& base, std::vector<MessageRecord>& messages)
{
    QuietHoursHold hold;
    if (!settings.enabled || transactional)
        return hold;
    auto now = base.created_at;
    std::map<Millis, std::vector<MessageRecord>> by_time;
    std::vector<MessageRecord> now_messages;
    for (auto& message : messages) {
        auto zones = recipient_zones(message.recipient);
        auto allowed = next_allowed_time(settings, zones, now);
        if (allowed <= now) {
            now_messages.push_back(std::move(message));
            continue;
        }
        message.state = MessageState::Scheduled;
        message.scheduled_for = allowed;
        by_time[allowed].push_back(std::move(message));
    }
    bool all_held = now_messages.empty();
    messages = std::move(now_messages);
    for (auto& [at, held] : by_time) {
        ScheduledRequest scheduled { base, {} };
        scheduled.request.id = all_held && hold.requests.empty() ? base.id : new_cuid();
        scheduled.request.attempts = 0;
        scheduled.request.next_attempt_at = at;
        scheduled.request.deadline_at = base.deadline_at + (at - now);
        scheduled.request.outcome_unknown = false;
        scheduled.request.first_attempt_at.reset();
        for (auto& message : held)
            message.request_id = scheduled.request.id;
        scheduled.messages = std::move(held);
        hold.requests.push_back(std::move(scheduled));
    }
    return hold;
}

}
