#include "plivo/simulator/message_validation.hpp"

#include "core/url.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

namespace {

using nlohmann::json;
using Failure = std::unexpected<std::string>;

std::size_t utf8_length(std::string_view text)
{
    return std::size_t(std::ranges::count_if(text, [](unsigned char c) { return (c & 0xc0) != 0x80; }));
}

// An optional string field: absent or null gives `fallback`; any other type is an error.
std::expected<std::string, std::string> optional_string(json const& body, char const* key, std::string fallback = {})
{
    auto found = body.find(key);
    if (found == body.end() || found->is_null())
        return fallback;
    if (!found->is_string())
        return Failure(fmt::format("{} must be a string", key));
    return found->get<std::string>();
}

std::expected<std::vector<std::string>, std::string> optional_string_list(json const& body, char const* key)
{
    std::vector<std::string> out;
    auto found = body.find(key);
    if (found == body.end() || found->is_null())
        return out;
    if (!found->is_array())
        return Failure(fmt::format("{} must be a list", key));
    for (auto const& item : *found) {
        if (!item.is_string() || item.get<std::string>().empty())
            return Failure(fmt::format("{} must be a list of non-empty strings", key));
        out.push_back(item.get<std::string>());
    }
    return out;
}

}

std::string sanitize_number(std::string_view number)
{
    std::string out;
    for (char c : number) {
        if (c != '/' && c != '-' && c != '.' && c != '+' && c != '(' && c != ')' && c != ' ')
            out += c;
    }
    return out;
}

bool is_valid_number(std::string_view digits)
{
    return digits.size() >= 8 && digits.size() <= 14 && digits.front() != '0'
        && std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; });
}

bool is_north_american_number(std::string_view digits)
{
    return digits.size() == 11 && digits[0] == '1' && is_valid_number(digits) && digits[1] >= '2' && digits[4] >= '2';
}

std::expected<ValidatedMessage, std::string> validate_send_message(
    json const& body, std::function<bool(std::string const&)> const& media_exists)
{
    if (!body.is_object())
        return Failure("Invalid request body: expected a JSON object");
    ValidatedMessage message;
    auto type = optional_string(body, "type", "sms");
    if (!type)
        return Failure(type.error());
    if (*type != "sms" && *type != "mms")
        return Failure(fmt::format("'{}' is not a valid message type. Valid types are sms and mms", *type));
    message.type = *type;
    bool is_mms = message.type == "mms";

    if (body.contains("powerpack_uuid") && !body["powerpack_uuid"].is_null())
        return Failure("powerpack_uuid is not supported by this account");
    auto source = optional_string(body, "src");
    if (!source)
        return Failure(source.error());
    if (source->empty())
        return Failure("Missing mandatory parameter: src");
    message.source = sanitize_number(*source);
    if (!is_valid_number(message.source))
        return Failure(fmt::format("'{}' is not a valid source phone number.", *source));
    if (is_mms && !is_north_american_number(message.source))
        return Failure(fmt::format("'{}' is not an MMS-enabled US or Canadian number.", *source));

    auto destination = optional_string(body, "dst");
    if (!destination)
        return Failure(destination.error());
    if (destination->empty())
        return Failure("Missing mandatory parameter: dst");
    std::string_view rest = *destination;
    while (true) {
        auto separator = rest.find('<');
        auto item = rest.substr(0, separator);
        auto digits = sanitize_number(item);
        bool valid = is_mms ? is_north_american_number(digits) : is_valid_number(digits);
        if (valid && digits != message.source)
            message.destinations.push_back(digits);
        else
            message.invalid_numbers.emplace_back(item);
        if (separator == std::string_view::npos)
            break;
        rest.remove_prefix(separator + 1);
    }
    if (message.destinations.empty()) {
        if (message.invalid_numbers.size() == 1)
            return Failure(fmt::format("'{}' is not a valid phone number.", message.invalid_numbers.front()));
        return Failure("None of the destination numbers are valid.");
    }

    auto text = optional_string(body, "text");
    if (!text)
        return Failure(text.error());
    message.text = *text;
    if (!is_mms && message.text.empty())
        return Failure("Missing mandatory parameter: text");
    if (utf8_length(message.text) > kMaxTextCharacters)
        return Failure(fmt::format("text must be at most {} characters", kMaxTextCharacters));

    auto media_urls = optional_string_list(body, "media_urls");
    if (!media_urls)
        return Failure(media_urls.error());
    auto media_ids = optional_string_list(body, "media_ids");
    if (!media_ids)
        return Failure(media_ids.error());
    message.media_urls = std::move(*media_urls);
    message.media_ids = std::move(*media_ids);
    auto media_count = message.media_urls.size() + message.media_ids.size();
    if (!is_mms && media_count > 0)
        return Failure("media_urls and media_ids are only allowed when type is mms");
    if (is_mms && media_count == 0)
        return Failure("media_urls or media_ids is required when type is mms");
    if (media_count > kMaxMediaPerMessage)
        return Failure(fmt::format("A message can have at most {} media attachments", kMaxMediaPerMessage));
    for (auto const& url : message.media_urls) {
        if (!parse_http_url(url))
            return Failure(fmt::format("'{}' is not a valid media URL", url));
    }
    for (auto const& id : message.media_ids) {
        if (!media_exists(id))
            return Failure(fmt::format("Media '{}' not found", id));
    }

    auto callback_url = optional_string(body, "url");
    if (!callback_url)
        return Failure(callback_url.error());
    message.callback_url = *callback_url;
    if (!message.callback_url.empty() && !parse_http_url(message.callback_url))
        return Failure(fmt::format("'{}' is not a valid callback URL", message.callback_url));
    auto method = optional_string(body, "method", "POST");
    if (!method)
        return Failure(method.error());
    std::string upper;
    std::ranges::transform(*method, std::back_inserter(upper), [](unsigned char c) { return char(std::toupper(c)); });
    if (upper != "GET" && upper != "POST")
        return Failure("method must be GET or POST");
    message.callback_method = upper;
    return message;
}

}
