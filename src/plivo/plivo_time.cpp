#include "plivo/plivo_time.hpp"

#include <charconv>
#include <ctime>
#include <fmt/format.h>

namespace mmsgate {

namespace {

// Reads exactly `digits` decimal digits at `position`, advancing it.
std::optional<int> read_number(std::string_view text, std::size_t& position, std::size_t digits)
{
    if (position + digits > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        char c = text[position + i];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    position += digits;
    return value;
}

bool expect(std::string_view text, std::size_t& position, char c)
{
    if (position >= text.size() || text[position] != c)
        return false;
    ++position;
    return true;
}

// A field of `digits` digits and the character that ends it, one of `separators`.
std::optional<int> read_field(std::string_view text, std::size_t& position, std::size_t digits,
    std::string_view separators)
{
    auto value = read_number(text, position, digits);
    if (!value || position >= text.size() || separators.find(text[position]) == std::string_view::npos)
        return std::nullopt;
    ++position;
    return value;
}

}

std::string format_plivo_time(Millis millis, PlivoTimeFormat format)
{
    std::time_t seconds = std::time_t(millis / 1000);
    std::tm parts {};
    gmtime_r(&seconds, &parts);
    auto text = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", parts.tm_year + 1900, parts.tm_mon + 1,
        parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
    if (format == PlivoTimeFormat::Micros || format == PlivoTimeFormat::MicrosWithOffset)
        text += fmt::format(".{:06}", int(millis % 1000) * 1000);
    if (format == PlivoTimeFormat::SecondsWithOffset || format == PlivoTimeFormat::MicrosWithOffset)
        text += "+00:00";
    return text;
}

std::optional<Millis> parse_plivo_time(std::string_view text)
{
    std::size_t position = 0;
    std::tm parts {};
    auto year = read_field(text, position, 4, "-");
    auto month = year ? read_field(text, position, 2, "-") : std::nullopt;
    auto day = month ? read_field(text, position, 2, " T") : std::nullopt;
    auto hour = day ? read_field(text, position, 2, ":") : std::nullopt;
    auto minute = hour ? read_number(text, position, 2) : std::nullopt;
    if (!minute)
        return std::nullopt;
    int second = 0;
    int millis = 0;
    if (expect(text, position, ':')) {
        auto value = read_number(text, position, 2);
        if (!value)
            return std::nullopt;
        second = *value;
        if (expect(text, position, '.')) {
            std::size_t digits = 0;
            while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
                if (digits < 3)
                    millis = millis * 10 + (text[position] - '0');
                ++digits;
                ++position;
            }
            if (digits == 0)
                return std::nullopt;
            for (; digits < 3; ++digits)
                millis *= 10;
        }
    }
    int offset_minutes = 0;
    if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
        int sign = text[position] == '-' ? -1 : 1;
        ++position;
        auto offset_hours = read_field(text, position, 2, ":");
        auto offset_rest = offset_hours ? read_number(text, position, 2) : std::nullopt;
        if (!offset_rest)
            return std::nullopt;
        offset_minutes = sign * (*offset_hours * 60 + *offset_rest);
    } else {
        expect(text, position, 'Z');
    }
    if (position != text.size() || *month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59
        || second > 60)
        return std::nullopt;
    parts.tm_year = *year - 1900;
    parts.tm_mon = *month - 1;
    parts.tm_mday = *day;
    parts.tm_hour = *hour;
    parts.tm_min = *minute;
    parts.tm_sec = second;
    auto seconds = timegm(&parts);
    return (Millis(seconds) - Millis(offset_minutes) * 60) * 1000 + millis;
}

}
