#pragma once
// The token in the path of each send's status-callback URL (/api/plivo/status/<token>). It names
// one attempt of one send request and cannot be guessed: request id, attempt number and a MAC under
// a key derived from the server's secret, so every instance sharing the secret can check it without
// a database round trip. Both Plivo signature families cover the URL's path, so a signed report
// whose path carries a valid token was sent by Plivo about that attempt (docs/decisions.md).
#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

struct CallbackAttempt {
    std::string request_id;
    int attempt = 0;
};

class CallbackTokens {
public:
    // `secret`: NEXTAUTH_SECRET (a different key is derived from it for this purpose).
    explicit CallbackTokens(std::string_view secret);

    [[nodiscard]] std::string token_for(std::string_view request_id, int attempt) const;
    // The attempt a token names, or nothing when it is malformed or its MAC is wrong.
    [[nodiscard]] std::optional<CallbackAttempt> verify(std::string_view token) const;

private:
    [[nodiscard]] std::string mac(std::string_view request_id, int attempt) const;
    std::string m_key;
};

}
