#pragma once
// Plivo's messaging REST API as awaitables that never throw: each call yields the parsed value or a
// PlivoFailure saying whether a retry is safe (classify()). The HttpClient must outlive this object.
//
// g++ 12 corrupts a brace-initialised aggregate temporary inside a co_await expression, so build the
// request first: `SendMessageRequest request{...}; co_await client.send_message(std::move(request));`
// never `co_await client.send_message({...})`.
#include "core/asio.hpp"
#include "plivo/http_client.hpp"
#include "plivo/plivo_failure.hpp"
#include "plivo/plivo_types.hpp"
#include "plivo/plivo_wire.hpp"

#include <string>
#include <vector>

namespace mmsgate {

class PlivoClient {
public:
    // account.user_agent defaults to "mmsgate/<version>".
    PlivoClient(PlivoAccount account, HttpClient& http);

    // POST /v1/Account/{auth_id}/Message/
    [[nodiscard]] Awaitable<PlivoResult<SendMessageAccepted>> send_message(SendMessageRequest request);
    // GET /v1/Account/{auth_id}/Message/{message_uuid}/
    [[nodiscard]] Awaitable<PlivoResult<PlivoMessage>> get_message(std::string message_uuid);
    // GET /v1/Account/{auth_id}/Message/?to_number=...&message_time__gte=...
    [[nodiscard]] Awaitable<PlivoResult<PlivoMessageList>> list_messages(ListMessagesFilter filter);
    // POST /v1/Account/{auth_id}/Media/ (multipart, one part named "file" per file)
    [[nodiscard]] Awaitable<PlivoResult<MediaUploadResult>> upload_media(std::vector<MediaFile> files);

    [[nodiscard]] PlivoAccount const& account() const { return m_account; }

private:
    PlivoAccount m_account;
    HttpClient& m_http;
};

}
