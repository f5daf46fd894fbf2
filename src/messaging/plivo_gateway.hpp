#pragma once
// What the dispatcher needs from Plivo, as plain values. The real implementation adapts the Plivo
// client (src/plivo); keeping this seam small lets the dispatcher's rules be read in one place.
#include "core/asio.hpp"
#include "core/clock.hpp"
#include "plivo/plivo_failure.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mmsgate {

struct PlivoSendCommand {
    std::string source; // E.164
    std::vector<std::string> destinations; // E.164
    std::string text;
    std::vector<std::string> media_urls;
    std::vector<std::string> media_ids;
    std::string type = "mms"; // sms: text only (Plivo's type=sms)
    std::string status_callback_url;
};

struct PlivoSendResult {
    PlivoCallOutcome outcome = PlivoCallOutcome::Ambiguous;
    int http_status = 0; // 0 when no answer arrived
    std::string api_id;
    std::vector<std::string> message_uuids; // in the order of the valid destinations
    std::vector<std::string> invalid_numbers; // as Plivo wrote them (digits)
    std::string error; // Plivo's error text, or the transport failure
    std::optional<int> retry_after_seconds;
};

struct PlivoMessageSummary {
    std::string uuid;
    Millis time = 0;
    std::string to_digits;
    std::string from_digits;
    std::string direction; // inbound | outbound
    std::string state;
    std::optional<int> error_code;
    std::optional<int> units;
    std::optional<std::string> total_rate;
    std::optional<std::string> total_amount;
};

struct PlivoLookupResult {
    PlivoCallOutcome outcome = PlivoCallOutcome::Ambiguous;
    int http_status = 0;
    std::vector<PlivoMessageSummary> messages;
    bool complete = true; // false: Plivo listed more pages than were read
    std::string error;
    std::optional<int> retry_after_seconds;
};

struct PlivoUploadResult {
    PlivoCallOutcome outcome = PlivoCallOutcome::Ambiguous;
    int http_status = 0;
    std::string media_id; // Plivo's, when Accepted
    std::string error;
    std::optional<int> retry_after_seconds;
};

class PlivoGateway {
public:
    virtual ~PlivoGateway() = default;
    // One file to Plivo's Media API (multipart field "file"). Gateways that cannot upload refuse.
    [[nodiscard]] virtual Awaitable<PlivoUploadResult> upload_media(std::string /*file_name*/, std::string /*content_type*/, std::string /*data*/)
    {
        co_return PlivoUploadResult { PlivoCallOutcome::Rejected, 0, {}, "this gateway cannot upload media", std::nullopt };
    }
    [[nodiscard]] virtual Awaitable<PlivoSendResult> send(PlivoSendCommand command) = 0;
    // Outbound MMS to `to_digits` (empty: to anyone) created at or after `since`, every page up to a cap.
    [[nodiscard]] virtual Awaitable<PlivoLookupResult> find_sent(std::string to_digits, Millis since) = 0;
    [[nodiscard]] virtual Awaitable<PlivoLookupResult> get(std::string uuid) = 0;
};

}
