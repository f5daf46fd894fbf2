#include "plivo/simulator/simulated_message.hpp"

#include "plivo/plivo_time.hpp"
#include "plivo/simulator/message_validation.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>

namespace mmsgate {

namespace {

using nlohmann::json;

// Plivo's message_time has whole seconds; filters compare against that.
Millis whole_seconds(Millis millis) { return millis - millis % 1000; }

std::optional<int> parse_integer(std::string const& text)
{
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc {} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

}

std::vector<MessageEvent> message_events(SimulatedMessage const& message)
{
    auto step = message.step.count();
    if (message.outcome == "failed")
        return { { "queued", message.queued_at }, { "failed", message.queued_at + step } };
    return { { "queued", message.queued_at }, { "sent", message.queued_at + step },
        { message.outcome, message.queued_at + 2 * step } };
}

MessageEvent current_event(SimulatedMessage const& message, Millis now)
{
    auto events = message_events(message);
    MessageEvent current = events.front();
    for (auto const& event : events) {
        if (event.at <= now)
            current = event;
    }
    return current;
}

std::optional<std::string> error_code_text(SimulatedMessage const& message, std::string const& status)
{
    if (status == "delivered")
        return "000";
    if (status == "failed" || status == "undelivered")
        return std::to_string(message.error_code.value_or(1000));
    return std::nullopt;
}

std::string total_amount_text(std::string const& status)
{
    // Messages that never left Plivo are not billed.
    return status == "failed" ? "0.00000" : kMessageRate;
}

json message_object(SimulatedMessage const& message, std::string const& auth_id, Millis now)
{
    auto event = current_event(message, now);
    auto error_code = error_code_text(message, event.status);
    auto sent = message_events(message)[1];
    return {
        { "message_uuid", message.uuid },
        { "message_state", event.status },
        { "message_type", message.type },
        { "message_direction", "outbound" },
        { "from_number", message.from },
        { "to_number", message.to },
        { "message_time", format_plivo_time(message.queued_at, PlivoTimeFormat::SecondsWithOffset) },
        { "message_sent_time",
            sent.at <= now ? json(format_plivo_time(sent.at, PlivoTimeFormat::MicrosWithOffset)) : json(nullptr) },
        { "message_updated_time", format_plivo_time(event.at, PlivoTimeFormat::MicrosWithOffset) },
        { "error_code", error_code ? json(*error_code) : json(nullptr) },
        { "error_message", "" },
        { "total_amount", total_amount_text(event.status) },
        { "total_rate", kMessageRate },
        { "units", 1 },
        { "resource_uri", fmt::format("/v1/Account/{}/Message/{}/", auth_id, message.uuid) },
        { "powerpack_id", nullptr },
        { "requester_ip", message.requester_ip },
        { "is_domestic", true },
        { "replaced_sender", "" },
        { "destination_country_iso2", "US" },
        { "log", true },
    };
}

std::expected<MessageListQuery, std::string> parse_message_list_query(FormFields const& query)
{
    MessageListQuery out;
    for (auto const& [key, value] : query) {
        if (key == "limit" || key == "offset") {
            auto number = parse_integer(value);
            if (!number || *number < 0 || (key == "limit" && (*number < 1 || *number > 20)))
                return std::unexpected(key == "limit" ? std::string("limit must be an integer from 1 to 20")
                                                      : std::string("offset must be a non-negative integer"));
            (key == "limit" ? out.limit : out.offset) = *number;
        } else if (key.starts_with("message_time__")) {
            auto time = parse_plivo_time(value);
            if (!time)
                return std::unexpected(fmt::format("'{}' is not a valid value for {}", value, key));
            if (key == "message_time__gte")
                out.time_gte = time;
            else if (key == "message_time__gt")
                out.time_gt = time;
            else if (key == "message_time__lte")
                out.time_lte = time;
            else if (key == "message_time__lt")
                out.time_lt = time;
        } else if (key == "to_number") {
            out.to_number = sanitize_number(value);
        } else if (key == "from_number") {
            out.from_number = sanitize_number(value);
        } else if (key == "message_direction") {
            out.message_direction = value;
        } else if (key == "message_state") {
            out.message_state = value;
        } else if (key == "message_type") {
            out.message_type = value;
        }
    }
    return out;
}

bool matches(MessageListQuery const& query, SimulatedMessage const& message, Millis now)
{
    auto time = whole_seconds(message.queued_at);
    return (query.to_number.empty() || query.to_number == message.to)
        && (query.from_number.empty() || query.from_number == message.from)
        && (query.message_direction.empty() || query.message_direction == "outbound")
        && (query.message_type.empty() || query.message_type == message.type)
        && (query.message_state.empty() || query.message_state == current_event(message, now).status)
        && (!query.time_gte || time >= *query.time_gte) && (!query.time_gt || time > *query.time_gt)
        && (!query.time_lte || time <= *query.time_lte) && (!query.time_lt || time < *query.time_lt);
}

}
