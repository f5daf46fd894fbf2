#pragma once
// A PlivoGateway that records every call's outcome and latency in Prometheus metrics.
#include "messaging/plivo_gateway.hpp"
#include "metrics/plivo_metrics.hpp"

#include <memory>

namespace mmsgate {

class MeteredPlivoGateway final : public PlivoGateway {
public:
    MeteredPlivoGateway(PlivoGateway& inner, std::shared_ptr<PlivoMetrics> metrics)
        : m_inner(inner)
        , m_metrics(std::move(metrics))
    {
    }
    [[nodiscard]] Awaitable<PlivoSendResult> send(PlivoSendCommand command) override;
    [[nodiscard]] Awaitable<PlivoUploadResult> upload_media(std::string file_name, std::string content_type, std::string data) override;
    [[nodiscard]] Awaitable<PlivoLookupResult> find_sent(std::string to_digits, Millis since) override;
    [[nodiscard]] Awaitable<PlivoLookupResult> get(std::string uuid) override;

private:
    PlivoGateway& m_inner;
    std::shared_ptr<PlivoMetrics> m_metrics;
};

}
