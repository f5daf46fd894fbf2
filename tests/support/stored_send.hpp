#pragma once
// A send as POST /api/send-mms stores it, for tests that start from a stored send: one text from
// +14155550100 (user-1) to one recipient, made at `created_at` and due within the hour. Tests
// change what they need before storing it. The test target links mmsgate_send.
#include "core/ids.hpp"
#include "messaging/message.hpp"

#include <string>

namespace mmsgate::testing {

struct StoredSend {
    SendRequestRecord request;
    MessageRecord message;
};

[[nodiscard]] inline StoredSend one_text_send(std::string recipient, Millis created_at, std::string request_id = new_cuid(),
    std::string message_id = new_cuid())
{
    StoredSend send;
    send.request.id = std::move(request_id);
    send.request.user_id = "user-1";
    send.request.sender = "+14155550100";
    send.request.text = "hello";
    send.request.created_at = created_at;
    send.request.deadline_at = created_at + 3'600'000;
    send.message.id = std::move(message_id);
    send.message.recipient = std::move(recipient);
    return send;
}

}
