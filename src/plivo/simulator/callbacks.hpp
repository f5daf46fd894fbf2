#pragma once
// The status callbacks Plivo sends to a message's `url` (docs/plivo-api.md 5.1-5.3): one per state
// change, form-encoded (POST) or in the query (GET), signed with V3 and V2 (and their main-account
// forms, identical here since the simulator is a main account) using the account's auth token.
#include "plivo/simulator/simulated_message.hpp"
#include "plivo/simulator/simulator_types.hpp"

#include <string>
#include <vector>

namespace mmsgate {

struct CallbackTarget {
    std::string url = {};
    std::string method = "POST"; // or GET
};

// A request carrying `params` to `target`, signed V3 and V2 (and their main-account forms) as Plivo
// signs every callback and incoming message, with fresh nonces.
[[nodiscard]] HttpRequest signed_callback_request(FormFields const& params, CallbackTarget const& target, std::string const& auth_token);

[[nodiscard]] FormFields status_callback_params(SimulatedMessage const& message, MessageEvent const& event, int sequence);

[[nodiscard]] OutgoingCallback build_status_callback(SimulatedMessage const& message, MessageEvent const& event,
    int sequence, CallbackTarget const& target, std::string const& auth_token);

// Every callback of the message's timeline, sequence numbers from 1, due at each event's time.
[[nodiscard]] std::vector<OutgoingCallback> build_status_callbacks(
    SimulatedMessage const& message, CallbackTarget const& target, std::string const& auth_token);

}
