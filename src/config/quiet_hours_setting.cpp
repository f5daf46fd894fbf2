#include "config/quiet_hours_setting.hpp"

#include <charconv>
#include <optional>

namespace mmsgate {

namespace {

std::optional<int> minute_of_day(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':')
        return std::nullopt;
    int hours = 0, minutes = 0;
    auto hour_end = text.data() + 2;
    auto minute_end = text.data() + 5;
    if (std::from_chars(text.data(), hour_end, hours).ptr != hour_end
        || std::from_chars(text.data() + 3, minute_end, minutes).ptr != minute_end)
        return std::nullopt;
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
        return std::nullopt;
    return hours * 60 + minutes;
}

}

Result<QuietHoursSettings> parse_quiet_hours(std::string_view text)
{
    QuietHoursSettings settings;
    if (text.empty() || text == "off")
        return settings;
    auto dash = text.find('-');
    auto from = dash == std::string_view::npos ? std::nullopt : minute_of_day(text.substr(0, dash));
    auto until = dash == std::string_view::npos ? std::nullopt : minute_of_day(text.substr(dash + 1));
    if (!from || !until)
        return fail(ErrorCode::InvalidArgument, "expected the quiet span as HH:MM-HH:MM, like 21:00-08:00, or off");
    if (*from == *until)
        return fail(ErrorCode::InvalidArgument, "the quiet span must not be empty (start and end are equal)");
    settings.enabled = true;
    settings.from_minute = *from;
    settings.until_minute = *until;
    return settings;
}

}
