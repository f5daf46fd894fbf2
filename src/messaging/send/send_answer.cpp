#include "messaging/send/send_answer.hpp"

#include "http/json_values.hpp"
#include "http/response.hpp"
#include "http/status_mapping.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

nlohmann::json recipient_json(MessageRecord const& message)
{
    nlohmann::json entry = { { "to", message.recipient }, { "id", message.id }, { "state", to_string(message.state) } };
    entry["messageUuid"] = json_or_null(message.plivo_uuid);
    if (message.error)
        entry["error"] = *message.error;
    return entry;
}

nlohmann::json recipients_json(std::vector<MessageRecord> const& messages)
{
    auto recipients = json_array_of(messages, recipient_json);
    return recipients;
}

// 202: the message is stored and mmsgate still owns it, so the client must follow it, not resend it.
Response stored_response(std::string_view status, std::string const& id, std::string reason,
    std::vector<MessageRecord> const& messages, std::vector<std::string> const& invalid_numbers, bool sandbox)
{
    return json_response(http::status::accepted,
        { { "success", true }, { "status", status }, { "id", id }, { "reason", std::move(reason) },
            { "message", "Accepted; mmsgate keeps working on it" }, { "recipients", recipients_json(messages) },
            { "invalidNumbers", invalid_numbers }, { "sandbox", sandbox } });
}

// 5xx: nothing of this request is held for sending. When Plivo refused the message (or it was
// given up), the attempt is in the history as failed.
Response not_stored_response(Error const& error, nlohmann::json extra)
{
    nlohmann::json body = { { "success", false }, { "stored", false }, { "error", error.message } };
    if (!error.field.empty())
        body["field"] = error.field;
    body.update(extra);
    return json_response(http_status_for(error.code), body);
}

// 422, stored: every recipient opted out, so nothing went to Plivo; the history has each as suppressed.
Response every_recipient_suppressed(std::string const& id, std::vector<MessageRecord> const& messages, bool sandbox)
{
    return json_response(http::status::unprocessable_entity,
        { { "success", false }, { "stored", true }, { "status", "suppressed" }, { "id", id },
            { "error", "Not sent: every recipient opted out of messages from this number" }, { "field", "to" },
            { "recipients", recipients_json(messages) }, { "sandbox", sandbox } });
}

Response replayed(Response response)
{
    response.set("Idempotent-Replayed", "true");
    return response;
}

Response outcome_response(SendResult const& result, bool sandbox)
{
    auto const& outcome = result.outcome;
    auto const& id = result.id;
    auto what = outcome.http_status ? "Plivo answered " + std::to_string(outcome.http_status)
                                    : std::string("Plivo did not answer");
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Accepted: {
        nlohmann::json uuids = nlohmann::json::array();
        for (auto const& message : outcome.messages) {
            if (message.plivo_uuid)
                uuids.push_back(*message.plivo_uuid);
        }
        if (uuids.empty()) {
            return not_stored_response(
                Error { ErrorCode::UpstreamRejected, "Plivo accepted the request but rejected every destination number", {}, "to" },
                { { "id", id }, { "status", "failed" }, { "recipients", recipients_json(outcome.messages) },
                    { "invalidNumbers", outcome.invalid_numbers }, { "sandbox", sandbox } });
        }
        return json_response(http::status::ok,
            { { "success", true }, { "message", "MMS sent successfully!" }, { "id", id }, { "sandbox", sandbox },
                { "plivoResponse", { { "message", "message(s) queued" }, { "messageUuid", uuids }, { "apiId", outcome.api_id } } },
                { "recipients", recipients_json(outcome.messages) }, { "invalidNumbers", outcome.invalid_numbers } });
    }
    case DispatchOutcome::Kind::Rejected:
    case DispatchOutcome::Kind::Failed: {
        auto code = outcome.kind == DispatchOutcome::Kind::Rejected ? ErrorCode::UpstreamRejected : ErrorCode::Unavailable;
        return not_stored_response(Error { code, outcome.error, {}, {} },
            { { "id", id }, { "status", "failed" }, { "recipients", recipients_json(outcome.messages) }, { "sandbox", sandbox } });
    }
    case DispatchOutcome::Kind::Pending:
        return stored_response("pending", id,
            "The message is stored and waits for its turn at Plivo; mmsgate sends it automatically. Do not send it again.",
            outcome.messages, {}, sandbox);
    case DispatchOutcome::Kind::Checking:
        if (result.interrupted)
            return stored_response("checking", id,
                "An internal error interrupted the answer; the message is stored and mmsgate checks with Plivo whether it "
                "has it before sending it. Do not send it again.",
                outcome.messages, {}, sandbox);
        return stored_response("checking", id,
            what + "; the message is stored and mmsgate checks with Plivo whether it has it before sending it "
                   "again. Do not send it again.",
            outcome.messages, outcome.invalid_numbers, sandbox);
    case DispatchOutcome::Kind::Retrying:
        return stored_response("retrying", id,
            what + "; the message is stored and mmsgate sends it again automatically. Do not send it again.",
            outcome.messages, outcome.invalid_numbers, sandbox);
    case DispatchOutcome::Kind::Unknown:
        return stored_response("unknown", id,
            what + "; it is unknown whether Plivo has the message. Its history offers a deliberate resend.",
            outcome.messages, outcome.invalid_numbers, sandbox);
    }
    return not_stored_response(Error { ErrorCode::Internal, std::string(kInternalError), {}, {} }, nlohmann::json::object());
}

}

Response send_answer(Result<SendResult> const& result, bool sandbox)
{
    if (!result)
        return error_response(result.error());
    if (result->kept)
        return replayed(text_response(http::status(result->kept->status), result->kept->body, "application/json"));
    if (result->replayed)
        return replayed(outcome_response(*result, sandbox));
    bool nothing_goes_now = result->outcome.messages.empty();
    if (nothing_goes_now && result->held.empty())
        return every_recipient_suppressed(result->id, result->suppressed, sandbox);
    if (nothing_goes_now)
        return result->held.all_held_response(sandbox);
    auto answered = *result;
    // Suppressed recipients are named beside the others (issue 16), once: the dispatcher's outcome
    // may list every message of the request already.
    for (auto const& suppressed : result->suppressed) {
        if (std::ranges::find(answered.outcome.messages, suppressed.id, &MessageRecord::id) == answered.outcome.messages.end())
            answered.outcome.messages.push_back(suppressed);
    }
    auto response = outcome_response(answered, sandbox);
    return result->held.empty() ? response : result->held.annotate(std::move(response));
}

Response marked_not_stored(Response response)
{
    if (response.result_int() < 500)
        return response;
    auto body = nlohmann::json::parse(response.body(), nullptr, false);
    if (!body.is_object() || body.contains("stored"))
        return response;
    body["stored"] = false;
    response.body() = json_text(body);
    response.prepare_payload();
    return response;
}

}
