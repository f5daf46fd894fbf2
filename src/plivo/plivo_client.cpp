#include "plivo/plivo_client.hpp"

namespace mmsgate {

PlivoClient::PlivoClient(PlivoAccount account, HttpClient& http)
    : m_account(std::move(account))
    , m_http(http)
{
}

Awaitable<PlivoResult<SendMessageAccepted>> PlivoClient::send_message(SendMessageRequest request)
{
    auto outcome = co_await m_http.request(make_send_message_request(m_account, request));
    co_return parse_send_message_response(outcome);
}

Awaitable<PlivoResult<PlivoMessage>> PlivoClient::get_message(std::string message_uuid)
{
    auto outcome = co_await m_http.request(make_get_message_request(m_account, message_uuid));
    co_return parse_get_message_response(outcome);
}

Awaitable<PlivoResult<PlivoMessageList>> PlivoClient::list_messages(ListMessagesFilter filter)
{
    auto outcome = co_await m_http.request(make_list_messages_request(m_account, filter));
    co_return parse_list_messages_response(outcome);
}

Awaitable<PlivoResult<MediaUploadResult>> PlivoClient::upload_media(std::vector<MediaFile> files)
{
    auto outcome = co_await m_http.request(make_upload_media_request(m_account, files));
    co_return parse_upload_media_response(outcome);
}

}
