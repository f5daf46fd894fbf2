#include "plivo/simulator/callbacks.hpp"

#include "plivo/plivo_time.hpp"
#include "plivo/signature.hpp"

namespace mmsgate {

FormFields status_callback_params(SimulatedMessage const& message, MessageEvent const& event, int sequence)
{
    auto events = message_events(message);
    auto const& sent = events[1];
    FormFields params = {
        { "MessageUUID", message.uuid },
        { "ParentMessageUUID", message.uuid },
        { "PartInfo", "1 of 1" },
        { "To", message.to },
        { "From", message.from },
        { "Type", message.type },
        { "Status", event.status },
        { "Units", "1" },
        { "TotalRate", kMessageRate },
        { "TotalAmount", total_amount_text(event.status) },
        { "MCC", "310" },
        { "MNC", "004" },
        { "ErrorCode", error_code_text(message, event.status).value_or("") },
        { "Sequence", std::to_string(sequence) },
        { "MessageTime", format_plivo_time(message.queued_at, PlivoTimeFormat::Seconds) },
        { "QueuedTime", format_plivo_time(message.queued_at, PlivoTimeFormat::Micros) },
        { "PowerpackUUID", "" },
        { "requester_ip", message.requester_ip },
    };
    if (sent.status == "sent" && sent.at <= event.at)
        params.emplace_back("SentTime", format_plivo_time(sent.at, PlivoTimeFormat::Micros));
    if (event.status == "delivered" || event.status == "undelivered")
        params.emplace_back("DeliveryReportTime", format_plivo_time(event.at, PlivoTimeFormat::Micros));
    return params;
}

HttpRequest signed_callback_request(FormFields const& params, CallbackTarget const& target, std::string const& auth_token)
{
    HttpRequest request;
    request.method = target.method == "GET" ? "GET" : "POST";
    request.url = target.url;
    FormFields signed_body;
    if (request.method == "GET") {
        request.url += (target.url.find('?') == std::string::npos ? "?" : "&") + encode_form(params);
    } else {
        request.body = encode_form(params);
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        signed_body = params;
    }
    auto v3_nonce = new_signature_nonce();
    auto v3 = compute_signature_v3(auth_token, request.method, request.url, signed_body, v3_nonce);
    auto v2_nonce = new_signature_nonce();
    auto v2 = compute_signature_v2(auth_token, request.url, v2_nonce);
    request.headers.emplace_back(kSignatureV3Header, v3);
    request.headers.emplace_back(kSignatureMainAccountV3Header, v3);
    request.headers.emplace_back(kSignatureV3NonceHeader, v3_nonce);
    request.headers.emplace_back(kSignatureV2Header, v2);
    request.headers.emplace_back(kSignatureMainAccountV2Header, v2);
    request.headers.emplace_back(kSignatureV2NonceHeader, v2_nonce);
    request.headers.emplace_back("User-Agent", "PlivoSimulator (mmsgate)");
    return request;
}

OutgoingCallback build_status_callback(SimulatedMessage const& message, MessageEvent const& event, int sequence,
    CallbackTarget const& target, std::string const& auth_token)
{
    OutgoingCallback callback;
    callback.message_uuid = message.uuid;
    callback.status = event.status;
    callback.sequence = sequence;
    callback.due = event.at;
    callback.params = status_callback_params(message, event, sequence);

    callback.request = signed_callback_request(callback.params, target, auth_token);
    return callback;
}

std::vector<OutgoingCallback> build_status_callbacks(
    SimulatedMessage const& message, CallbackTarget const& target, std::string const& auth_token)
{
    std::vector<OutgoingCallback> callbacks;
    int sequence = 0;
    for (auto const& event : message_events(message))
        callbacks.push_back(build_status_callback(message, event, ++sequence, target, auth_token));
    return callbacks;
}

}
