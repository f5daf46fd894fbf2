#include "messaging/status_callback_handler.hpp"

#include "core/encoding.hpp"
#include "http/response.hpp"
#include "messaging/early_reports.hpp"
#include "plivo/signature.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <charconv>

namespace mmsgate {

namespace {

std::optional<int> integer_field(FormFields const& params, std::string_view name)
{
    auto value = form_value(params, name);
    if (!value || value->empty())
        return std::nullopt;
    int number = 0;
    auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (error != std::errc {} || end != value->data() + value->size())
        return std::nullopt;
    return number;
}

std::optional<std::string> text_field(FormFields const& params, std::string_view name)
{
    auto value = form_value(params, name);
    if (!value || value->empty())
        return std::nullopt;
    return value;
}

Awaitable<Response> handle_status(StatusCallbackDependencies const& m, Request& request)
{
    auto url = m.config.public_url + std::string(request.message.target());
    bool is_post = request.message.method() == http::verb::post;
    auto params = is_post ? parse_form(request.message.body()) : FormFields {};
    if (!has_valid_plivo_signature(request, url, params, m.config.plivo.auth_token)) {
        spdlog::warn("status callback with a missing or wrong Plivo signature from {} refused", request.peer.to_string());
        co_return error_response(http::status::forbidden, "Invalid Plivo signature");
    }
    if (!is_post)
        params = parse_form(request.query());

    StatusUpdate update;
    update.plivo_uuid = form_value(params, "MessageUUID").value_or("");
    auto status = form_value(params, "Status").value_or("");
    auto state = parse_message_state(status);
    if (update.plivo_uuid.empty() || !state || *state == MessageState::Accepted || *state == MessageState::Unknown)
        co_return error_response(http::status::bad_request, "MessageUUID and a known Status are required");
    update.state = *state;
    update.sequence = integer_field(params, "Sequence");
    // Plivo sends an ErrorCode on every report; it only means something for failed/undelivered.
    if (update.state == MessageState::Failed || update.state == MessageState::Undelivered)
        update.error_code = integer_field(params, "ErrorCode");
    update.units = integer_field(params, "Units");
    update.total_rate = text_field(params, "TotalRate");
    update.total_amount = text_field(params, "TotalAmount");
    update.source = "callback";

    // Plivo's To is the destination in digits; messages store it in E.164.
    std::optional<std::string> recipient;
    if (auto to = text_field(params, "To"); to && to->find_first_not_of("+0123456789") == std::string::npos)
        recipient = "+" + to->substr(to->front() == '+' ? 1 : 0);

    auto now = now_millis();
    auto recorded = co_await m.database.write<RecordedReport>([&](SqlConnection& connection) {
        return record_status_report(connection, update, recipient, now, EarlyReportLimits {});
    });
    if (!recorded) {
        spdlog::error("cannot record a status callback: {} ({})", recorded.error().message, recorded.error().detail);
        // Plivo retries non-2xx answers, so the report is not lost.
        co_return error_response(http::status::service_unavailable, "Temporarily unable to record the report");
    }
    auto const& applied = recorded->application;
    switch (recorded->outcome) {
    case RecordedReport::Outcome::NoSuchMessage:
        co_return error_response(http::status::not_found, "Unknown message");
    case RecordedReport::Outcome::EarlyStoreFull:
        spdlog::warn("status callback for {} refused: too many reports wait for their message", update.plivo_uuid);
        co_return error_response(http::status::service_unavailable, "Temporarily unable to record the report");
    case RecordedReport::Outcome::KeptEarly:
        // Applied when the dispatcher stores the uuid, in that same transaction.
        co_return json_response(http::status::ok,
            { { "success", true }, { "duplicate", applied.duplicate }, { "state", to_string(update.state) }, { "early", true } });
    case RecordedReport::Outcome::Applied:
        break;
    }
    if (applied.changed)
        m.feed->publish({ applied.message });
    co_return json_response(http::status::ok,
        { { "success", true }, { "duplicate", applied.duplicate }, { "state", to_string(applied.message.state) } });
}

}

bool has_valid_plivo_signature(Request const& request, std::string_view url, FormFields const& params, std::string_view auth_token)
{
    auto v3 = request.header(kSignatureV3Header);
    auto v3_main = request.header(kSignatureMainAccountV3Header);
    auto v3_nonce = request.header(kSignatureV3NonceHeader);
    if (!v3.empty() || !v3_main.empty() || !v3_nonce.empty()) {
        if (v3_nonce.empty())
            return false;
        auto method = std::string(request.message.method_string());
        return (!v3.empty() && verify_signature_v3(auth_token, method, url, params, v3_nonce, v3))
            || (!v3_main.empty() && verify_signature_v3(auth_token, method, url, params, v3_nonce, v3_main));
    }
    auto v2 = request.header(kSignatureV2Header);
    auto v2_main = request.header(kSignatureMainAccountV2Header);
    auto v2_nonce = request.header(kSignatureV2NonceHeader);
    if (v2_nonce.empty())
        return false;
    return (!v2.empty() && verify_signature_v2(auth_token, url, v2_nonce, v2))
        || (!v2_main.empty() && verify_signature_v2(auth_token, url, v2_nonce, v2_main));
}

void add_status_callback_routes(Router& router, StatusCallbackDependencies dependencies)
{
    auto shared = std::make_shared<StatusCallbackDependencies>(std::move(dependencies));
    router.add(http::verb::post, "/api/plivo/status", [shared](Request& request) { return handle_status(*shared, request); });
    router.add(http::verb::get, "/api/plivo/status", [shared](Request& request) { return handle_status(*shared, request); });
}

}
