#pragma once
// The dispatcher's PlivoGateway over the real Plivo client (src/plivo).
#include "messaging/plivo_gateway.hpp"
#include "plivo/plivo_client.hpp"

namespace mmsgate {

class PlivoClientGateway final : public PlivoGateway {
public:
    explicit PlivoClientGateway(PlivoClient& client)
        : m_client(client)
    {
    }
    [[nodiscard]] Awaitable<PlivoSendResult> send(PlivoSendCommand command) override;
    [[nodiscard]] Awaitable<PlivoLookupResult> find_sent(std::string to_digits, Millis since) override;
    [[nodiscard]] Awaitable<PlivoLookupResult> get(std::string uuid) override;
    [[nodiscard]] Awaitable<PlivoUploadResult> upload_media(std::string file_name, std::string content_type, std::string data) override;

private:
    PlivoClient& m_client;
};

}
