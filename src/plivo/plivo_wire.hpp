#pragma once
// Plivo's wire format as pure functions: the HttpRequest for each call, and the parse of whatever came
// back. PlivoClient is these plus HttpClient; tests use them without a network.
#include "plivo/http_types.hpp"
#include "plivo/plivo_failure.hpp"
#include "plivo/plivo_types.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace mmsgate {

struct PlivoAccount {
    std::string base_url = {}; // e.g. https://api.plivo.com (a trailing '/' is ignored)
    std::string auth_id = {};
    std::string auth_token = {};
    std::string user_agent = {}; // "mmsgate/<version>" unless set
};

// The JSON body of POST .../Message/ with Plivo's field names.
[[nodiscard]] nlohmann::json send_message_body(SendMessageRequest const& request);

[[nodiscard]] HttpRequest make_send_message_request(PlivoAccount const& account, SendMessageRequest const& request);
[[nodiscard]] HttpRequest make_get_message_request(PlivoAccount const& account, std::string const& message_uuid);
[[nodiscard]] HttpRequest make_list_messages_request(PlivoAccount const& account, ListMessagesFilter const& filter);
[[nodiscard]] HttpRequest make_upload_media_request(PlivoAccount const& account, std::vector<MediaFile> const& files);

[[nodiscard]] PlivoResult<SendMessageAccepted> parse_send_message_response(HttpOutcome const& outcome);
[[nodiscard]] PlivoResult<PlivoMessage> parse_get_message_response(HttpOutcome const& outcome);
[[nodiscard]] PlivoResult<PlivoMessageList> parse_list_messages_response(HttpOutcome const& outcome);
[[nodiscard]] PlivoResult<MediaUploadResult> parse_upload_media_response(HttpOutcome const& outcome);

// Any other account resource (Application/, Number/{n}/ …): `resource` relative to the account URL
// with Plivo's trailing slash, `body` sent as JSON when given.
[[nodiscard]] HttpRequest make_account_request(PlivoAccount const& account, std::string method, std::string_view resource,
    nlohmann::json const* body = nullptr);

// One message object (also used for the simulator's round-trip tests).
[[nodiscard]] PlivoMessage parse_message_object(nlohmann::json const& object);

}
