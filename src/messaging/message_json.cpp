#include "messaging/message_json.hpp"

#include "http/json_values.hpp"
#include "plivo/error_codes.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

// A spreadsheet treats a cell starting with =, +, -, @ (and, in some, TAB or CR before them) as a
// formula. "+" followed by digits only is an E.164 number: no spreadsheet runs it, and people and
// scripts need it as it is (issue 19), so it stays unprefixed.
bool starts_like_formula(std::string_view text)
{
    if (text.empty())
        return false;
    if (text.front() == '+' && text.size() > 1
        && std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    return std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

}

nlohmann::json message_json(MessageRecord const& message)
{
    return { { "id", message.id }, { "requestId", message.request_id }, { "to", message.recipient }, { "from", message.sender },
        { "text", message.text }, { "mediaUrls", message.media_urls }, { "state", to_string(message.state) },
        { "plivoUuid", json_or_null(message.plivo_uuid) }, { "errorCode", json_or_null(message.error_code) },
        { "errorMeaning", error_meaning_json(message.error_code) }, { "error", json_or_null(message.error) },
        { "units", json_or_null(message.units) }, { "totalRate", json_or_null(message.total_rate) },
        { "totalAmount", json_or_null(message.total_amount) }, { "scheduledFor", iso8601_or_null(message.scheduled_for) },
        { "createdAt", format_iso8601(message.created_at) }, { "updatedAt", format_iso8601(message.updated_at) } };
}

nlohmann::json error_meaning_json(std::optional<int> error_code)
{
    return error_code ? nlohmann::json(std::string(error_code_meaning(*error_code))) : nlohmann::json(nullptr);
}

nlohmann::json event_json(MessageEventRecord const& event)
{
    return { { "state", to_string(event.state) }, { "sequence", json_or_null(event.sequence) },
        { "errorCode", json_or_null(event.error_code) }, { "errorMeaning", error_meaning_json(event.error_code) },
        { "units", json_or_null(event.units) }, { "totalAmount", json_or_null(event.total_amount) }, { "source", event.source },
        { "detail", json_or_null(event.detail) }, { "occurredAt", format_iso8601(event.occurred_at) } };
}

std::string csv_cell(std::string_view text)
{
    std::string out = "\"";
    if (starts_like_formula(text))
        out += '\'';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_header() { return "id,created_at,updated_at,to,from,state,plivo_uuid,error_code,error,units,total_amount,text,media_urls\r\n"; }

std::string csv_row(MessageRecord const& message)
{
    std::string media;
    for (auto const& url : message.media_urls)
        media += (media.empty() ? "" : " ") + url;
    std::string row;
    for (auto const& field : { message.id, format_iso8601(message.created_at), format_iso8601(message.updated_at),
             message.recipient, message.sender, std::string(to_string(message.state)), message.plivo_uuid.value_or(""),
             message.error_code ? std::to_string(*message.error_code) : std::string(), message.error.value_or(""),
             message.units ? std::to_string(*message.units) : std::string(), message.total_amount.value_or(""),
             message.text, media }) {
        if (!row.empty())
            row += ',';
        row += csv_cell(field);
    }
    return row + "\r\n";
}

}
