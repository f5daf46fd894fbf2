#include "messaging/dispatch/plivo_client_gateway.hpp"

#include "messaging/phone_number.hpp"

namespace mmsgate {

namespace {

// Plivo lists at most 20 per page; a lookup for one recipient in a short window needs few pages,
// one for every recipient after a crash a few dozen.
constexpr int kMaxLookupPages = 50;

template <class Result>
void copy_failure(Result& result, PlivoFailure const& failure)
{
    result.outcome = classify(failure);
    result.http_status = failure.http_status;
    result.error = failure.error;
    if (failure.retry_after)
        result.retry_after_seconds = int(failure.retry_after->count());
}

PlivoMessageSummary summary_of(PlivoMessage const& message)
{
    PlivoMessageSummary summary { .uuid = message.message_uuid, .time = message.message_time_millis.value_or(0),
        .to_digits = message.to_number, .from_digits = message.from_number, .direction = message.message_direction,
        .state = message.message_state, .error_code = message.error_code, .units = message.units, .total_rate = std::nullopt, .total_amount = std::nullopt };
    if (!message.total_rate.empty())
        summary.total_rate = message.total_rate;
    if (!message.total_amount.empty())
        summary.total_amount = message.total_amount;
    return summary;
}

}

Awaitable<PlivoSendResult> PlivoClientGateway::send(PlivoSendCommand command)
{
    SendMessageRequest request;
    // Plivo's numbers are digits with the country code (plivo-api.md 2.1).
    request.src = plivo_digits(command.source);
    for (auto const& destination : command.destinations)
        request.dst.push_back(plivo_digits(destination));
    request.text = std::move(command.text);
    request.media_urls = std::move(command.media_urls);
    request.media_ids = std::move(command.media_ids);
    request.type = command.type == "sms" ? "sms" : "mms";
    request.url = std::move(command.status_callback_url);
    auto answer = co_await m_client.send_message(std::move(request));
    PlivoSendResult result;
    if (!answer) {
        copy_failure(result, answer.error());
        co_return result;
    }
    result.outcome = PlivoCallOutcome::Accepted;
    result.http_status = 202;
    result.api_id = answer->api_id;
    result.message_uuids = answer->message_uuids;
    result.invalid_numbers = answer->invalid_numbers;
    co_return result;
}

Awaitable<PlivoUploadResult> PlivoClientGateway::upload_media(std::string file_name, std::string content_type, std::string data)
{
    std::vector<MediaFile> files { MediaFile { std::move(file_name), std::move(content_type), std::move(data) } };
    auto answer = co_await m_client.upload_media(std::move(files));
    PlivoUploadResult result;
    if (!answer) {
        copy_failure(result, answer.error());
        co_return result;
    }
    if (answer->objects.size() != 1 || !answer->objects[0].succeeded()) {
        result.outcome = PlivoCallOutcome::Rejected;
        result.http_status = 202;
        result.error = answer->objects.empty() ? "Plivo stored no file" : answer->objects[0].error_message;
        co_return result;
    }
    result.outcome = PlivoCallOutcome::Accepted;
    result.http_status = 202;
    result.media_id = answer->objects[0].media_id;
    co_return result;
}

Awaitable<PlivoLookupResult> PlivoClientGateway::find_sent(std::string to_digits, Millis since)
{
    PlivoLookupResult result;
    ListMessagesFilter filter;
    filter.to_number = std::move(to_digits);
    filter.message_time_gte = since;
    for (int page = 0; page < kMaxLookupPages; ++page) {
        filter.offset = page * filter.limit;
        auto answer = co_await m_client.list_messages(filter);
        if (!answer) {
            copy_failure(result, answer.error());
            co_return result;
        }
        for (auto const& message : answer->messages)
            result.messages.push_back(summary_of(message));
        // Complete only when Plivo names no next page AND everything it counted was seen: a list
        // short of its total_count proves nothing about what is missing from it.
        result.complete = !answer->has_next && std::int64_t(result.messages.size()) == answer->total_count;
        if (!answer->has_next)
            break;
    }
    result.outcome = PlivoCallOutcome::Accepted;
    result.http_status = 200;
    co_return result;
}

Awaitable<PlivoLookupResult> PlivoClientGateway::get(std::string uuid)
{
    PlivoLookupResult result;
    auto answer = co_await m_client.get_message(std::move(uuid));
    if (!answer) {
        copy_failure(result, answer.error());
        co_return result;
    }
    result.outcome = PlivoCallOutcome::Accepted;
    result.http_status = 200;
    result.messages.push_back(summary_of(*answer));
    co_return result;
}

}
