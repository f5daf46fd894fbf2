#pragma once
// The message lifecycle's vocabulary. A send request (one API call, one Plivo request) has one
// message per recipient; states only move forward:
//   accepted -> queued -> sent -> delivered | undelivered, or failed; unknown when Plivo could not
//   be asked whether an ambiguous attempt reached it (a person decides to send again).
// Under quiet hours a message starts `scheduled` (held until its recipient's window opens), becomes
// `accepted` when a dispatcher claims it then, or ends `cancelled` if a person cancels it first.
// A message is `suppressed` (terminal) when its recipient opted out; it never went to Plivo:
//   (terminal) when the recipient opted out and the message never went to Plivo.
#include "core/clock.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

enum class MessageState { Accepted, Queued, Sent, Delivered, Undelivered, Failed, Unknown, Scheduled, Cancelled, Suppressed };

[[nodiscard]] std::string_view to_string(MessageState state);
[[nodiscard]] std::optional<MessageState> parse_message_state(std::string_view text);
// Order used to refuse backward moves; terminal states share the highest rank.
[[nodiscard]] int state_rank(MessageState state);
[[nodiscard]] bool is_terminal(MessageState state);

struct SendRequestRecord {
    std::string id;
    std::string user_id;
    std::string sender; // E.164
    std::string text;
    std::vector<std::string> media_urls;
    std::vector<std::string> media_ids;
    std::string message_type = "mms"; // sms (text only) | mms
    std::string origin = "api"; // api | ui | reply | automatic (sent by mmsgate itself)
    int attempts = 0;
    Millis next_attempt_at = 0;
    Millis deadline_at = 0;
    // True while an attempt may have reached Plivo without us knowing: never resend blindly then.
    bool outcome_unknown = false;
    std::optional<Millis> first_attempt_at;
    Millis created_at = 0;
};

struct MessageRecord {
    std::string id;
    std::string request_id;
    std::string user_id;
    std::string recipient; // E.164
    MessageState state = MessageState::Accepted;
    std::optional<std::string> plivo_uuid;
    std::optional<int> error_code;
    std::optional<std::string> error;
    std::optional<int> units;
    std::optional<std::string> total_rate;
    std::optional<std::string> total_amount;
    std::optional<int> last_sequence;
    // Quiet hours: when a scheduled message goes (kept after it went, for the history).
    std::optional<Millis> scheduled_for;
    Millis created_at = 0;
    Millis updated_at = 0;
    // From the send request, for history views.
    std::string sender;
    std::string text;
    std::vector<std::string> media_urls;
};

// What one event says of a message: the state, and what a Plivo report adds (its sequence number,
// error code and charges). A delivery report (StatusUpdate) becomes an event carrying the same.
struct StateReport {
    MessageState state = MessageState::Accepted;
    std::optional<int> sequence;
    std::optional<int> error_code;
    std::optional<int> units;
    std::optional<std::string> total_rate;
    std::optional<std::string> total_amount;
    std::string source; // api, dispatcher, callback, reconcile
    std::optional<std::string> detail;
};

struct MessageEventRecord : StateReport {
    std::string id;
    std::string message_id;
    Millis occurred_at = 0;
};

// A claimed send request with the messages that still need Plivo.
// The lease under which the instance that stores a request dispatches it at once.
struct InitialClaim {
    std::string lease_owner;
    Millis lease_until = 0;
};

struct DispatchJob {
    SendRequestRecord request;
    std::vector<MessageRecord> pending_messages;
    // The value before this claim: decides between looking Plivo up and sending.
    bool previous_outcome_unknown = false;
    // Unix ms when the claim runs out and another instance may take the request over.
    Millis lease_until = 0;
    // When the attempt before this claim began (0: none): a lookup must see Plivo's list after it.
    Millis previous_attempt_at = 0;
};

}
