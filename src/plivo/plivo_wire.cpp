#include "plivo/plivo_wire.hpp"

#include "core/encoding.hpp"
#include "mmsgate/version.hpp"
#include "plivo/multipart.hpp"
#include "plivo/plivo_time.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <utility>

namespace mmsgate {

namespace {

using nlohmann::json;

std::string account_url(PlivoAccount const& account, std::string_view resource)
{
    std::string_view base = account.base_url;
    while (base.ends_with('/'))
        base.remove_suffix(1);
    return fmt::format("{}/v1/Account/{}/{}", base, url_encode_component(account.auth_id), resource);
}

HttpRequest base_request(PlivoAccount const& account, std::string method, std::string url)
{
    HttpRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.headers = {
        { "Authorization", "Basic " + base64_encode(account.auth_id + ":" + account.auth_token) },
        { "Accept", "application/json" },
        { "User-Agent", account.user_agent.empty() ? std::string("mmsgate/") + kVersion : account.user_agent },
    };
    return request;
}

// Strings as sent; numbers turned into text; anything else empty.
std::string text_field(json const& object, char const* key)
{
    auto found = object.find(key);
    if (found == object.end())
        return {};
    if (found->is_string())
        return found->get<std::string>();
    if (found->is_number_integer())
        return std::to_string(found->get<std::int64_t>());
    if (found->is_number())
        return fmt::format("{}", found->get<double>());
    return {};
}

std::optional<std::int64_t> integer_field(json const& object, char const* key)
{
    auto found = object.find(key);
    if (found == object.end())
        return std::nullopt;
    if (found->is_number_integer())
        return found->get<std::int64_t>();
    if (found->is_string()) {
        auto text = found->get<std::string>();
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc {} && end == text.data() + text.size() && !text.empty())
            return value;
    }
    return std::nullopt;
}

// A string or an array of strings (Plivo sends arrays; be lenient about a single string).
std::vector<std::string> string_list(json const& object, char const* key)
{
    std::vector<std::string> out;
    auto found = object.find(key);
    if (found == object.end())
        return out;
    if (found->is_string())
        out.push_back(found->get<std::string>());
    else if (found->is_array()) {
        for (auto const& item : *found) {
            if (item.is_string())
                out.push_back(item.get<std::string>());
        }
    }
    return out;
}

std::string printable_prefix(std::string_view body)
{
    std::string out;
    for (char c : body.substr(0, 200))
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    return out;
}

PlivoFailure rejection(HttpResponse const& response)
{
    PlivoFailure failure { PlivoFailureKind::Rejected, response.status, {}, {}, std::nullopt };
    auto body = json::parse(response.body, nullptr, false);
    if (body.is_object()) {
        failure.api_id = text_field(body, "api_id");
        auto error = body.find("error");
        if (error != body.end())
            failure.error = error->is_string() ? error->get<std::string>() : error->dump();
    } else {
        failure.error = printable_prefix(response.body);
    }
    if (failure.error.empty())
        failure.error = fmt::format("HTTP {}", response.status);
    if (auto retry_after = response.header("Retry-After")) {
        long long seconds = 0;
        auto [end, error] = std::from_chars(retry_after->data(), retry_after->data() + retry_after->size(), seconds);
        if (error == std::errc {} && end == retry_after->data() + retry_after->size() && seconds >= 0)
            failure.retry_after = std::chrono::seconds(seconds);
    }
    return failure;
}

PlivoFailure malformed(HttpResponse const& response, std::string what)
{
    return { PlivoFailureKind::MalformedResponse, response.status, std::move(what), {}, std::nullopt };
}

// With ObjectsArray::Required, the answer must carry an `objects` array (lists and uploads).
enum class ObjectsArray { Optional, Required };

// `parse` (json const& -> PlivoResult<T>) applied to the 2xx JSON object of a response, or the
// failure that stands in place of that object.
template <typename Parse>
auto parse_success_object(HttpOutcome const& outcome, ObjectsArray objects, Parse parse) -> decltype(parse(json()))
{
    if (!outcome)
        return std::unexpected(plivo_failure_from(outcome.error()));
    if (outcome->status < 200 || outcome->status >= 300)
        return std::unexpected(rejection(*outcome));
    auto body = json::parse(outcome->body, nullptr, false);
    if (!body.is_object())
        return std::unexpected(malformed(*outcome, "body is not a JSON object: " + printable_prefix(outcome->body)));
    if (objects == ObjectsArray::Required && !(body.contains("objects") && body["objects"].is_array()))
        return std::unexpected(malformed(*outcome, "no objects array in the answer"));
    return parse(std::as_const(body));
}

UploadedMedia parse_uploaded_media(json const& object)
{
    UploadedMedia media;
    media.file_name = text_field(object, "file_name");
    media.media_id = text_field(object, "media_id");
    media.media_url = text_field(object, "media_url");
    if (media.media_url.empty())
        media.media_url = text_field(object, "url");
    media.content_type = text_field(object, "content_type");
    media.size = integer_field(object, "size").value_or(0);
    media.status = text_field(object, "status");
    media.status_code = int(integer_field(object, "status_code").value_or(0));
    media.error_message = text_field(object, "error_message");
    return media;
}

}

json send_message_body(SendMessageRequest const& request)
{
    std::string destinations;
    for (auto const& destination : request.dst) {
        if (!destinations.empty())
            destinations += '<';
        destinations += destination;
    }
    json body = { { "src", request.src }, { "dst", destinations }, { "type", request.type } };
    if (!request.text.empty())
        body["text"] = request.text;
    if (!request.media_urls.empty())
        body["media_urls"] = request.media_urls;
    if (!request.media_ids.empty())
        body["media_ids"] = request.media_ids;
    if (!request.url.empty()) {
        body["url"] = request.url;
        body["method"] = request.method.empty() ? "POST" : request.method;
    }
    return body;
}

HttpRequest make_send_message_request(PlivoAccount const& account, SendMessageRequest const& request)
{
    auto out = base_request(account, "POST", account_url(account, "Message/"));
    out.headers.emplace_back("Content-Type", "application/json");
    out.body = send_message_body(request).dump();
    out.must_not_repeat = true;
    return out;
}

HttpRequest make_get_message_request(PlivoAccount const& account, std::string const& message_uuid)
{
    return base_request(account, "GET", account_url(account, "Message/" + url_encode_component(message_uuid) + "/"));
}

HttpRequest make_list_messages_request(PlivoAccount const& account, ListMessagesFilter const& filter)
{
    FormFields query;
    std::string digits;
    std::ranges::copy_if(filter.to_number, std::back_inserter(digits), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits.empty())
        query.emplace_back("to_number", digits);
    if (!filter.message_direction.empty())
        query.emplace_back("message_direction", filter.message_direction);
    if (filter.message_time_gte)
        query.emplace_back("message_time__gte", format_plivo_time(*filter.message_time_gte, PlivoTimeFormat::Seconds));
    if (filter.message_time_lte)
        query.emplace_back("message_time__lte", format_plivo_time(*filter.message_time_lte, PlivoTimeFormat::Seconds));
    query.emplace_back("limit", std::to_string(std::clamp(filter.limit, 1, 20)));
    query.emplace_back("offset", std::to_string(std::max(filter.offset, 0)));
    return base_request(account, "GET", account_url(account, "Message/?" + encode_form(query)));
}

HttpRequest make_upload_media_request(PlivoAccount const& account, std::vector<MediaFile> const& files)
{
    std::vector<MultipartPart> parts;
    for (auto const& file : files)
        parts.push_back({ "file", file.name, file.content_type, file.bytes });
    auto multipart = build_multipart(parts);
    auto out = base_request(account, "POST", account_url(account, "Media/"));
    out.headers.emplace_back("Content-Type", multipart.content_type);
    out.body = std::move(multipart.body);
    return out;
}

PlivoResult<SendMessageAccepted> parse_send_message_response(HttpOutcome const& outcome)
{
    return parse_success_object(outcome, ObjectsArray::Optional, [&](json const& body) -> PlivoResult<SendMessageAccepted> {
        SendMessageAccepted accepted;
        accepted.api_id = text_field(body, "api_id");
        accepted.message = text_field(body, "message");
        accepted.message_uuids = string_list(body, "message_uuid");
        accepted.invalid_numbers = string_list(body, "invalid_number");
        if (accepted.message_uuids.empty() && accepted.invalid_numbers.empty())
            return std::unexpected(malformed(*outcome, "no message_uuid in the answer: " + printable_prefix(outcome->body)));
        return accepted;
    });
}

PlivoMessage parse_message_object(json const& object)
{
    PlivoMessage message;
    message.message_uuid = text_field(object, "message_uuid");
    message.message_state = text_field(object, "message_state");
    message.message_type = text_field(object, "message_type");
    message.message_direction = text_field(object, "message_direction");
    message.from_number = text_field(object, "from_number");
    message.to_number = text_field(object, "to_number");
    message.message_time = text_field(object, "message_time");
    message.message_time_millis = parse_plivo_time(message.message_time);
    if (auto code = integer_field(object, "error_code"))
        message.error_code = int(*code);
    message.error_message = text_field(object, "error_message");
    message.total_amount = text_field(object, "total_amount");
    message.total_rate = text_field(object, "total_rate");
    message.units = int(integer_field(object, "units").value_or(0));
    return message;
}

namespace {

// The entries of a list answer's "objects" array that are objects; others are skipped.
template <typename Parse>
auto parse_objects(json const& objects, Parse parse)
{
    std::vector<decltype(parse(objects))> parsed;
    for (auto const& object : objects) {
        if (object.is_object())
            parsed.push_back(parse(object));
    }
    return parsed;
}

}

PlivoResult<PlivoMessage> parse_get_message_response(HttpOutcome const& outcome)
{
    return parse_success_object(outcome, ObjectsArray::Optional, [&](json const& body) -> PlivoResult<PlivoMessage> {
        auto message = parse_message_object(body);
        if (message.message_uuid.empty())
            return std::unexpected(malformed(*outcome, "no message_uuid in the message object"));
        return message;
    });
}

PlivoResult<PlivoMessageList> parse_list_messages_response(HttpOutcome const& outcome)
{
    return parse_success_object(outcome, ObjectsArray::Required, [](json const& body) -> PlivoResult<PlivoMessageList> {
        PlivoMessageList list;
        list.api_id = text_field(body, "api_id");
        if (auto meta = body.find("meta"); meta != body.end() && meta->is_object()) {
            list.limit = int(integer_field(*meta, "limit").value_or(0));
            list.offset = int(integer_field(*meta, "offset").value_or(0));
            list.total_count = integer_field(*meta, "total_count").value_or(0);
            auto next = meta->find("next");
            list.has_next = next != meta->end() && next->is_string() && !next->get<std::string>().empty();
        }
        list.messages = parse_objects(body.at("objects"), parse_message_object);
        return list;
    });
}

PlivoResult<MediaUploadResult> parse_upload_media_response(HttpOutcome const& outcome)
{
    return parse_success_object(outcome, ObjectsArray::Required, [](json const& body) -> PlivoResult<MediaUploadResult> {
        return MediaUploadResult { text_field(body, "api_id"), parse_objects(body.at("objects"), parse_uploaded_media) };
    });
}

HttpRequest make_account_request(PlivoAccount const& account, std::string method, std::string_view resource, json const* body)
{
    auto request = base_request(account, std::move(method), account_url(account, resource));
    if (body) {
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = body->dump();
    }
    return request;
}

}
