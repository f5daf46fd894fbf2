#include "messaging/send/send_request.hpp"

#include "messaging/send/media_url.hpp"
#include "messaging/phone_number.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

namespace {

using nlohmann::json;

constexpr std::string_view kExampleUrl = "https://example.com/photo.jpg";

// Keys that are missing or null are both "not given": JavaScript clients send null for empty fields.
json const* member(json const& object, char const* key)
{
    auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return nullptr;
    return &*found;
}

template <class T>
void append_unique(std::vector<T>& values, T value)
{
    if (std::ranges::find(values, value) == values.end())
        values.push_back(std::move(value));
}

// nlohmann's parser has already refused invalid UTF-8, so every byte that is not a continuation
// byte starts one code point.
std::size_t count_code_points(std::string_view text)
{
    return std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; });
}

std::string_view trim(std::string_view text)
{
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

Result<void> parse_recipients(json const& body, std::vector<std::string>& recipients)
{
    auto const* to = member(body, "to");
    if (!to)
        return fail_field("to",
            "to is required: give the recipient's phone number, such as \"+14155550100\", or an array of up to 50 "
            "numbers");
    if (to->is_string()) {
        auto number = normalize_recipient(to->get_ref<std::string const&>());
        if (!number)
            return std::unexpected(std::move(number.error()));
        recipients.push_back(std::move(*number));
        return {};
    }
    if (!to->is_array())
        return fail_field("to",
            "to must be a string or an array of strings, such as \"+14155550100\" or [\"+14155550100\", "
            "\"+16135550100\"]");
    if (to->empty())
        return fail_field("to", "to is an empty array; list at least one phone number, such as [\"+14155550100\"]");
    if (to->size() > kMaxRecipients)
        return fail_field("to",
            fmt::format("to lists {} numbers; one request can send to at most {}, so split the list", to->size(),
                kMaxRecipients));
    for (std::size_t i = 0; i < to->size(); ++i) {
        auto const& entry = (*to)[i];
        if (!entry.is_string())
            return fail_field("to", fmt::format("to[{}] must be a string, such as \"+14155550100\"", i));
        auto number = normalize_recipient(entry.get_ref<std::string const&>());
        if (!number)
            return fail_field("to", fmt::format("to[{}]: {}", i, number.error().message));
        append_unique(recipients, std::move(*number));
    }
    return {};
}

Result<void> parse_text(json const& body, std::string& text)
{
    auto const* value = member(body, "text");
    if (!value)
        return {};
    if (!value->is_string())
        return fail_field("text", "text must be a string (the message to send), such as \"Hello\"");
    text = value->get<std::string>();
    if (auto length = count_code_points(text); length > kMaxTextCharacters)
        return fail_field("text",
            fmt::format("text is {} characters long; an MMS text can be at most {}, so remove {} (an emoji counts "
                        "as one character)",
                length, kMaxTextCharacters, length - kMaxTextCharacters));
    return {};
}

struct MediaUrlEntry {
    std::string url;
    MediaUrlSource source;
};

Result<void> collect_media_urls(json const& body, std::vector<MediaUrlEntry>& entries)
{
    auto add = [&](std::string_view url, MediaUrlSource source) {
        auto trimmed = std::string(trim(url));
        bool seen = std::ranges::any_of(entries, [&](auto const& entry) { return entry.url == trimmed; });
        if (!seen)
            entries.push_back({ std::move(trimmed), source });
    };
    if (auto const* single = member(body, "mediaUrl")) {
        if (!single->is_string())
            return fail_field("mediaUrl",
                fmt::format("mediaUrl must be a string, such as \"{}\"; use mediaUrls for several", kExampleUrl));
        add(single->get_ref<std::string const&>(), { "mediaUrl" });
    }
    if (auto const* list = member(body, "mediaUrls")) {
        if (!list->is_array())
            return fail_field("mediaUrls",
                fmt::format("mediaUrls must be an array of strings, such as [\"{}\"]", kExampleUrl));
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_string())
                return fail_field("mediaUrls",
                    fmt::format("mediaUrls[{}] must be a string, such as \"{}\"", i, kExampleUrl));
            add((*list)[i].get_ref<std::string const&>(), { "mediaUrls", i });
        }
    }
    return {};
}

bool is_media_id_character(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// A list of identifiers a send refers to: Plivo media IDs or mmsgate upload ids.
struct IdentifierList {
    std::string_view field;
    std::string_view noun; // with its article: "a media ID"
    std::string_view not_an_array;
    std::string_view where_they_come_from;
};

constexpr IdentifierList kMediaIds { "mediaIds", "a media ID",
    "mediaIds must be an array of strings (the IDs Plivo's media upload returned)", "the IDs Plivo's media upload returns" };
constexpr IdentifierList kUploadIds { "upload_ids", "an upload id",
    "upload_ids must be an array of strings (the ids POST /api/uploads returned)", "the ids POST /api/uploads returns" };

Result<void> parse_identifiers(json const& body, IdentifierList const& rule, std::vector<std::string>& identifiers)
{
    auto const* list = member(body, rule.field.data()); // a literal: NUL-terminated
    if (!list)
        return {};
    auto const field = std::string(rule.field);
    if (!list->is_array())
        return fail_field(field, std::string(rule.not_an_array));
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto const& entry = (*list)[i];
        if (!entry.is_string())
            return fail_field(field, fmt::format("{}[{}] must be a string", field, i));
        auto const& id = entry.get_ref<std::string const&>();
        if (id.empty())
            return fail_field(field, fmt::format("{}[{}] is empty; remove it or give {}", field, i, rule.noun));
        if (id.size() > kMaxMediaIdLength)
            return fail_field(field,
                fmt::format("{}[{}] is {} characters long; {} has at most {}", field, i, id.size(), rule.noun,
                    kMaxMediaIdLength));
        if (!std::ranges::all_of(id, is_media_id_character))
            return fail_field(field,
                fmt::format("{}[{}] is not {}: it may contain only letters, digits, '-' and '_', as {}", field, i,
                    rule.noun, rule.where_they_come_from));
        append_unique(identifiers, id);
    }
    return {};
}

Result<void> check_media_count(std::size_t url_count, std::size_t id_count, std::size_t upload_count)
{
    auto total = url_count + id_count + upload_count;
    if (total == 0)
        return fail_field("mediaUrls",
            "An MMS needs at least one attachment: give mediaUrls (public https:// addresses of images), mediaIds "
            "(from Plivo's media upload) or upload_ids (from POST /api/uploads)");
    if (total > kMaxMedia)
        return fail_field(upload_count > 0 ? "upload_ids" : url_count > 0 ? "mediaUrls" : "mediaIds",
            upload_count > 0 ? fmt::format("An MMS can carry at most {} attachments; this one has {} ({} files, {} URLs and "
                                           "{} media IDs after removing duplicates)",
                                   kMaxMedia, total, upload_count, url_count, id_count)
                             : fmt::format("An MMS can carry at most {} attachments; this request has {} ({} URLs and {} "
                                           "media IDs after removing duplicates)",
                                   kMaxMedia, total, url_count, id_count));
    return {};
}

Result<void> parse_general_fields(json const& body, SendInput& input, bool has_media)
{
    input.type = has_media ? "mms" : "sms";
    if (auto const* type = member(body, "type")) {
        if (!type->is_string() || (*type != "sms" && *type != "mms"))
            return fail_field("type", "type must be \"sms\" or \"mms\"");
        input.type = type->get<std::string>();
    }
    if (input.type == "sms" && has_media)
        return fail_field("type", "An SMS carries text only: send media with \"type\": \"mms\" (or leave type out)");
    if (input.type == "sms" && trim(input.text).empty())
        return fail_field("text", "An SMS needs text");
    if (auto const* from = member(body, "from")) {
        auto valid = from->is_string() && from->get_ref<std::string const&>().size() >= 9 && from->get_ref<std::string const&>().size() <= 16
            && from->get_ref<std::string const&>().front() == '+'
            && std::ranges::all_of(from->get_ref<std::string const&>().substr(1), [](char c) { return c >= '0' && c <= '9'; });
        if (!valid)
            return fail_field("from", "from must be an E.164 number such as \"+14155550100\"");
        input.sender = from->get<std::string>();
    }
    if (auto const* origin = member(body, "origin")) {
        if (!origin->is_string() || (*origin != "ui" && *origin != "reply" && *origin != "api"))
            return fail_field("origin", "origin must be \"ui\", \"reply\" or \"api\"");
        input.origin = origin->get<std::string>();
    }
    return {};
}

}

Result<SendInput> parse_send_request(std::string_view body, SendEndpoint endpoint)
{
    auto document = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded())
        return fail_field("", "Invalid request body: it is not valid JSON");
    if (!document.is_object())
        return fail_field("",
            fmt::format("Invalid request body: it must be a JSON object, such as {{\"to\": \"+14155550100\", "
                        "\"text\": \"Hello\", \"mediaUrls\": [\"{}\"]}}",
                kExampleUrl));

    SendInput input;
    if (auto parsed = parse_recipients(document, input.recipients); !parsed)
        return std::unexpected(std::move(parsed.error()));
    if (auto parsed = parse_text(document, input.text); !parsed)
        return std::unexpected(std::move(parsed.error()));
    std::vector<MediaUrlEntry> media_urls;
    if (auto parsed = collect_media_urls(document, media_urls); !parsed)
        return std::unexpected(std::move(parsed.error()));
    if (auto parsed = parse_identifiers(document, kMediaIds, input.media_ids); !parsed)
        return std::unexpected(std::move(parsed.error()));
    if (auto parsed = parse_identifiers(document, kUploadIds, input.upload_ids); !parsed)
        return std::unexpected(std::move(parsed.error()));
    bool has_media = !media_urls.empty() || !input.media_ids.empty() || !input.upload_ids.empty();
    if (auto const* transactional = member(document, "transactional")) {
        if (!transactional->is_boolean())
            return fail_field("transactional", "transactional must be true or false");
        input.transactional = transactional->get<bool>();
    }
    if (endpoint == SendEndpoint::Messages) {
        if (auto general = parse_general_fields(document, input, has_media); !general)
            return std::unexpected(std::move(general.error()));
    }
    // Counted before each URL is checked: "too many" is the more useful thing to hear first.
    if (input.type == "mms") {
        if (auto counted = check_media_count(media_urls.size(), input.media_ids.size(), input.upload_ids.size()); !counted)
            return std::unexpected(std::move(counted.error()));
    }
    for (auto& entry : media_urls) {
        if (auto valid = validate_media_url(entry.url, entry.source); !valid)
            return std::unexpected(std::move(valid.error()));
        input.media_urls.push_back(std::move(entry.url));
    }
    return input;
}

std::string canonical_json(SendInput const& input)
{
    auto recipients = input.recipients;
    std::ranges::sort(recipients);
    json document = {
        { "to", recipients },
        { "text", input.text },
        { "mediaUrls", input.media_urls },
        { "mediaIds", input.media_ids },
    };
    if (!input.upload_ids.empty())
        document["upload_ids"] = input.upload_ids;
    if (input.type != "mms")
        document["type"] = input.type;
    if (input.sender)
        document["from"] = *input.sender;
    if (input.transactional)
        document["transactional"] = true;
    // std::map keeps the keys sorted; replacing invalid UTF-8 keeps this from throwing on input that did
    // not come through parse_send_request.
    return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}
