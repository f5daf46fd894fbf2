#include "suppressions/routes/suppression_csv.hpp"

#include "core/clock.hpp"
#include "messaging/message_json.hpp"

#include <sstream>

namespace mmsgate {

namespace {

std::string trimmed(std::string_view text)
{
    auto begin = text.find_first_not_of(" \t\r\"");
    if (begin == std::string_view::npos)
        return {};
    auto end = text.find_last_not_of(" \t\r\"");
    return std::string(text.substr(begin, end - begin + 1));
}

std::string time_cell(std::optional<Millis> at)
{
    return csv_cell(at ? format_iso8601(*at) : std::string());
}

}

std::string suppressions_csv(std::vector<Suppression> const& entries)
{
    std::string csv = "number,our_number,source,reason,text,created_at,created_by,ended_at,ended_by,end_reason\r\n";
    for (auto const& entry : entries) {
        csv += csv_cell(entry.number) + "," + csv_cell(entry.our_number) + "," + csv_cell(entry.source) + ","
            + csv_cell(suppression_reason(entry)) + "," + csv_cell(entry.source_text) + "," + time_cell(entry.created_at)
            + "," + csv_cell(entry.created_by_label) + "," + time_cell(entry.ended_at) + ","
            + csv_cell(entry.ended_by_label.value_or("")) + "," + csv_cell(entry.end_reason.value_or("")) + "\r\n";
    }
    return csv;
}

std::vector<ImportLine> parse_suppression_import(std::string_view text)
{
    std::vector<ImportLine> lines;
    std::istringstream stream { std::string(text) };
    std::string line;
    int number = 0;
    while (std::getline(stream, line)) {
        ++number;
        auto comma = line.find(',');
        auto first = trimmed(std::string_view(line).substr(0, comma));
        if (first.empty() || (number == 1 && first.find_first_of("0123456789") == std::string::npos))
            continue; // blank, or the header line
        auto note = comma == std::string::npos ? std::string() : trimmed(std::string_view(line).substr(comma + 1));
        lines.push_back({ number, first, note });
    }
    return lines;
}

}
