#pragma once
// Sending one request: validate it, store it (request, messages, idempotency key) and hand it to the
// dispatcher, waiting a little for Plivo's answer. HTTP knows nothing of this: the handler turns
// the body into a SendCommand and the SendResult (or Error) into a response (send_answer.hpp).
// Every step is one call in SendService::send, so a new rule (a suppression check, a schedule)
// is one more call there.
#include "config/config.hpp"
#include "conversations/conversation.hpp"
#include "messaging/dispatch/dispatcher.hpp"
#include "messaging/message_feed.hpp"
#include "messaging/quiet_hours/quiet_hours_hold.hpp"
#include "messaging/send/send_request.hpp"
#include "store/database.hpp"

#include <memory>
#include <optional>
#include <string>

namespace mmsgate {

struct SendCommand {
    std::string user_id;
    bool user_is_admin = false; // an admin may send another user's uploads
    SendInput input;
    std::optional<std::string> idempotency_key = std::nullopt; // the Idempotency-Key header, when sent
};

// An answer kept for an Idempotency-Key, replayed as it was given.
struct KeptAnswer {
    int status = 0;
    std::string body;
};

struct SendResult {
    // Pending when the request is stored for later (or its outcome did not arrive in time).
    DispatchOutcome outcome;
    std::string id; // the first recipient's message: what the client follows
    // Answered from an earlier request with the same Idempotency-Key; `kept` is its answer when that
    // was final (else `outcome` is that request's Pending state).
    bool replayed = false;
    std::optional<KeptAnswer> kept = std::nullopt;
    // An exception interrupted the send after the request was stored: its outcome is being checked.
    bool interrupted = false;
    // Recipients held for quiet hours, stored as requests of their own (issue 16); when every
    // recipient is held, `outcome.messages` is empty.
    QuietHoursHold held = {};
    // Recipients on the suppression list (issue 16): stored `suppressed`, never dispatched.
    std::vector<MessageRecord> suppressed = {};
};

struct SendServiceDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<Dispatcher> dispatcher;
    std::shared_ptr<MessageFeed> feed = nullptr;
};

class SendService {
public:
    explicit SendService(SendServiceDependencies dependencies);

    // InvalidArgument (a field), Conflict (Idempotency-Key reused with another body), AlreadyExists
    // (a concurrent request with the same key stored it), Unavailable (nothing was stored).
    [[nodiscard]] Awaitable<Result<SendResult>> send(SendCommand command);
    // Keeps a final answer (Plivo accepted or refused it) for the command's Idempotency-Key, so a
    // retry of the request is answered the same; other answers are not kept (a retry follows the
    // stored request instead).
    [[nodiscard]] Awaitable<void> keep_answer(SendCommand const& command, SendResult const& result, KeptAnswer answer);

private:
    [[nodiscard]] Result<void> validate(SendCommand const& command) const;
    [[nodiscard]] Awaitable<Result<void>> check_uploads(SendCommand const& command);
    [[nodiscard]] Awaitable<Result<std::optional<SendResult>>> find_replay(
        std::string const& user_id, std::string const& key, std::string const& body_hash);
    [[nodiscard]] Awaitable<SendResult> hand_to_dispatch(SendRequestRecord const& record,
        std::vector<MessageRecord> const& messages, std::optional<InitialClaim> const& claim);
    void publish_conversations(std::vector<ConversationSummary> const& conversations);

    SendServiceDependencies m;
};

}
