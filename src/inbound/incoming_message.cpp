#include "inbound/incoming_message.hpp"

#include "messaging/reports/status_callback_handler.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace mmsgate {

namespace {

constexpr std::size_t kMaxTextBytes = 16 * 1024; // Plivo joins long SMS: 1,600 characters at most
constexpr std::size_t kMaxFieldBytes = 128;
constexpr std::size_t kMaxUrlBytes = 2048;

bool is_printable_field(std::string_view value)
{
    return !value.empty() && value.size() <= kMaxFieldBytes
        && std::ranges::all_of(value, [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; });
}

std::optional<std::string> short_field(FormFields const& params, std::string_view name)
{
    auto value = form_value(params, name);
    if (!value || value->empty() || !is_printable_field(*value))
        return std::nullopt;
    return value;
}

// Media0…Media9 or Media1…Media10, in index order; MediaCount says how many are real.
std::vector<std::string> media_urls_of(FormFields const& params, int count)
{
    std::map<int, std::string> indexed;
    for (auto const& [name, value] : params) {
        if (!name.starts_with("Media") || name.size() > 7 || value.empty() || value.size() > kMaxUrlBytes)
            continue;
        auto index = integer_form_value(name.substr(5));
        if (index && *index >= 0 && *index <= int(kMaxIncomingMedia))
            indexed.emplace(*index, value);
    }
    std::vector<std::string> urls;
    for (auto& [index, url] : indexed) {
        if (int(urls.size()) >= count)
            break;
        urls.push_back(std::move(url));
    }
    return urls;
}

}

std::string plivo_number_to_e164(std::string_view number)
{
    auto digits = number.starts_with('+') ? number.substr(1) : number;
    bool all_digits = !digits.empty() && std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; });
    // E.164 numbers have 8 to 15 digits; shorter digit strings are short codes.
    if (all_digits && digits.size() >= 8 && digits.size() <= 15)
        return "+" + std::string(digits);
    return std::string(number);
}

Result<IncomingMessage> parse_incoming_message(FormFields const& params)
{
    IncomingMessage message;
    auto uuid = short_field(params, "MessageUUID");
    if (!uuid)
        return fail_field("MessageUUID", "MessageUUID is required");
    auto from = short_field(params, "From");
    if (!from)
        return fail_field("From", "From is required");
    auto to = short_field(params, "To");
    if (!to)
        return fail_field("To", "To is required");
    message.plivo_uuid = *uuid;
    message.from = plivo_number_to_e164(*from);
    message.to = plivo_number_to_e164(*to);
    auto type = form_value(params, "Type").value_or("sms");
    std::ranges::transform(type, type.begin(), [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
    message.type = type == "mms" ? "mms" : "sms";
    // SMS carry Text, MMS Body; either may be absent, so the other is the fallback.
    auto primary = form_value(params, message.type == "mms" ? "Body" : "Text");
    auto secondary = form_value(params, message.type == "mms" ? "Text" : "Body");
    message.text = primary && !primary->empty() ? *primary : secondary.value_or("");
    if (message.text.size() > kMaxTextBytes)
        return fail_field(message.type == "mms" ? "Body" : "Text", "the text is too long");
    auto count = integer_form_value(form_value(params, "MediaCount")).value_or(0);
    count = std::clamp(count, 0, int(kMaxIncomingMedia));
    message.media_urls = media_urls_of(params, count);
    if (!message.media_urls.empty())
        message.type = "mms";
    auto intent = form_value(params, "MessageIntent").value_or("");
    message.intent = intent == "optout" || intent == "optin" || intent == "help" ? intent : "";
    message.units = integer_form_value(form_value(params, "Units"));
    message.total_rate = short_field(params, "TotalRate");
    message.total_amount = short_field(params, "TotalAmount");
    message.error_code = integer_form_value(form_value(params, "ErrorCode"));
    message.powerpack_uuid = short_field(params, "PowerpackUUID");
    return message;
}

}
