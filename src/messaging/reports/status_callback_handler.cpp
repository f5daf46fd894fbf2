#include "messaging/reports/status_callback_handler.hpp"

#include "core/encoding.hpp"
#include "http/response.hpp"
#include "messaging/reports/early_reports.hpp"
#include "messaging/reports/report_store.hpp"
#include "plivo/signature.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <charconv>

namespace mmsgate {

namespace {

std::optional<std::string> text_field(FormFields const& params, std::string_view name)
{
    auto value = form_value(params, name);
    if (!value || value->empty())
        return std::nullopt;
    return value;
}

// Nonces are remembered this long. Plivo's V3 nonce carries no time, so a report replayed later is
// caught only while its nonce is kept: V3 bodies are signed, so a late replay repeats a known event
// (deduplicated); a V2-only report is tied to its message by the token only within kTokenTrustWindow,
// shorter than this, and confirmed with Plivo after it.
constexpr Millis kNonceKeepFor = 48LL * 3600 * 1000;
constexpr Millis kTokenTrustWindow = 24LL * 3600 * 1000;

constexpr std::string_view kCannotRecord = "Temporarily unable to record the report";

// Each signature is accepted once, by whichever instance sees it first. The nonce is consumed in
// the transaction that records the report: a failure (or a crash) before the commit leaves both
// undone, so Plivo's retry with the same nonce is recorded then; a replay rolls the recording back.
// A report that records nothing (unknown message, not tied, early store full) consumes nothing:
// its replay can change nothing either, and Plivo's retry of it is judged afresh.
struct ReportNonce {
    PlivoSignature signature;
    Millis now = 0;
};

bool records_something(RecordedReport::Outcome outcome)
{
    return outcome == RecordedReport::Outcome::Applied || outcome == RecordedReport::Outcome::KeptEarly;
}

Result<RecordedReport> consume_nonce_with(SqlConnection& connection, ReportNonce const& nonce, Result<RecordedReport> recorded)
{
    if (!recorded || !records_something(recorded->outcome))
        return recorded;
    auto fresh = consume_plivo_signature(connection, nonce.signature, nonce.now + kNonceKeepFor, nonce.now);
    if (!fresh)
        return std::unexpected(std::move(fresh.error()));
    if (!*fresh)
        return fail(ErrorCode::PermissionDenied, "replayed signature nonce"); // undoes the recording
    return recorded;
}

Response replay_refused(Request const& request)
{
    spdlog::warn("status callback with a nonce seen before from {} refused (replay)", request.peer.to_string());
    return error_response(ErrorCode::PermissionDenied, kReplayedPlivoSignature);
}

// The answer when recording failed: a replay is refused, anything else is retried by Plivo (non-2xx).
Response recording_failed(Request const& request, Error const& error)
{
    if (error.code == ErrorCode::PermissionDenied)
        return replay_refused(request);
    spdlog::error("cannot record a status callback: {} ({})", error.message, error.detail);
    return error_response(ErrorCode::Unavailable, kCannotRecord);
}

StatusUpdate update_from(FormFields const& params, MessageState state)
{
    StatusUpdate update;
    update.plivo_uuid = form_value(params, "MessageUUID").value_or("");
    update.state = state;
    update.sequence = integer_form_value(form_value(params, "Sequence"));
    // Plivo sends an ErrorCode on every report; it only means something for failed/undelivered.
    if (update.state == MessageState::Failed || update.state == MessageState::Undelivered)
        update.error_code = integer_form_value(form_value(params, "ErrorCode"));
    update.units = integer_form_value(form_value(params, "Units"));
    update.total_rate = text_field(params, "TotalRate");
    update.total_amount = text_field(params, "TotalAmount");
    update.source = "callback";
    return update;
}

// A V2-only report that no token ties to its message: only its uuid is used, to ask Plivo's Get
// Message API; what Plivo answers is applied, never the unsigned body.
Awaitable<Result<StatusUpdate>> confirmed_with_plivo(PlivoGateway& plivo, std::string uuid)
{
    auto found = co_await plivo.get(uuid);
    if (found.outcome == PlivoCallOutcome::Rejected)
        co_return fail(ErrorCode::NotFound, "Plivo has no such message");
    if (found.outcome != PlivoCallOutcome::Accepted || found.messages.empty())
        co_return fail(ErrorCode::Unavailable, "Plivo could not confirm the report: " + found.error);
    auto const& plivo_message = found.messages.front();
    auto state = parse_message_state(plivo_message.state);
    if (!state || *state == MessageState::Accepted || *state == MessageState::Unknown)
        co_return fail(ErrorCode::NotFound, "Plivo lists the message in a state mmsgate does not track");
    StatusUpdate update;
    update.plivo_uuid = std::move(uuid);
    update.state = *state;
    if (plivo_message.error_code && *plivo_message.error_code != 0
        && (update.state == MessageState::Failed || update.state == MessageState::Undelivered))
        update.error_code = plivo_message.error_code;
    update.units = plivo_message.units;
    update.total_rate = plivo_message.total_rate;
    update.total_amount = plivo_message.total_amount;
    update.source = "callback";
    update.detail = "V2-signed report confirmed with Plivo's Get Message API";
    co_return update;
}

Response report_response(StatusCallbackDependencies const& m, RecordedReport const& recorded, StatusUpdate const& update)
{
    auto const& applied = recorded.application;
    switch (recorded.outcome) {
    case RecordedReport::Outcome::NoSuchMessage:
    case RecordedReport::Outcome::NotTied:
        return error_response(ErrorCode::NotFound, "Unknown message");
    case RecordedReport::Outcome::EarlyStoreFull:
        spdlog::warn("status callback for {} refused: too many reports wait for their message", update.plivo_uuid);
        return error_response(ErrorCode::Unavailable, kCannotRecord);
    case RecordedReport::Outcome::KeptEarly:
        // Applied when the dispatcher stores the uuid, in that same transaction.
        return json_response(http::status::ok,
            { { "success", true }, { "duplicate", applied.duplicate }, { "state", to_string(update.state) }, { "early", true } });
    case RecordedReport::Outcome::Applied:
        break;
    }
    if (applied.changed)
        m.feed->publish({ applied.message });
    return json_response(http::status::ok,
        { { "success", true }, { "duplicate", applied.duplicate }, { "state", to_string(applied.message.state) } });
}

Awaitable<Response> record_report(StatusCallbackDependencies const& m, Request& request, PlivoSignature const& signature,
    StatusUpdate update, std::optional<std::string> const& recipient, ReportNonce const& nonce)
{
    auto now = nonce.now;
    std::optional<CallbackAttempt> attempt;
    if (auto token = request.path_parameter("token"); !token.empty())
        attempt = m.tokens.verify(token);
    if (attempt) {
        // V3 signs the body, so any age is fine; V2 only the URL, whose token is trusted for a while.
        auto created_after = signature.covers_body ? Millis(0) : now - kTokenTrustWindow;
        auto recorded = co_await m.database.write<RecordedReport>([&](SqlConnection& connection) {
            return consume_nonce_with(connection, nonce,
                record_attempt_report(connection, attempt->request_id, update, recipient, created_after, now));
        });
        if (!recorded)
            co_return recording_failed(request, recorded.error());
        if (recorded->outcome != RecordedReport::Outcome::NotTied)
            co_return report_response(m, *recorded, update);
    }
    if (!signature.covers_body) {
        auto confirmed = co_await confirmed_with_plivo(m.plivo, update.plivo_uuid);
        if (!confirmed) {
            spdlog::warn("V2-only status callback for {} not applied: {}", update.plivo_uuid, confirmed.error().message);
            co_return confirmed.error().code == ErrorCode::NotFound
                ? error_response(ErrorCode::NotFound, "Unknown message")
                : error_response(ErrorCode::Unavailable, "Temporarily unable to confirm the report");
        }
        update = std::move(*confirmed);
    }
    auto recorded = co_await m.database.write<RecordedReport>([&](SqlConnection& connection) {
        return consume_nonce_with(connection, nonce, record_status_report(connection, update, recipient, now, EarlyReportLimits {}));
    });
    if (!recorded)
        co_return recording_failed(request, recorded.error());
    co_return report_response(m, *recorded, update);
}

Awaitable<Response> handle_status(StatusCallbackDependencies const& m, Request& request)
{
    auto callback = signed_plivo_callback(request, m.config, "status callback");
    if (!callback)
        co_return std::move(callback.error());
    auto const& params = callback->params;
    auto const& signature = callback->signature;

    auto state = parse_message_state(form_value(params, "Status").value_or(""));
    auto update = update_from(params, state.value_or(MessageState::Unknown));
    if (update.plivo_uuid.empty() || !state || *state == MessageState::Accepted || *state == MessageState::Unknown)
        co_return error_response(ErrorCode::InvalidArgument, "MessageUUID and a known Status are required");

    // Plivo's To is the destination in digits; messages store it in E.164.
    std::optional<std::string> recipient;
    if (auto to = text_field(params, "To"); to && to->find_first_not_of("+0123456789") == std::string::npos)
        recipient = "+" + to->substr(to->front() == '+' ? 1 : 0);

    ReportNonce nonce { signature, now_millis() };
    // A known replay is refused before any work (a V2 hint would otherwise cost a Plivo lookup).
    auto seen = co_await m.database.read<bool>(
        [&](SqlConnection& connection) { return signature_nonce_seen(connection, nonce.signature.nonce_key(), nonce.now); });
    if (!seen) {
        spdlog::error("cannot check a status callback's nonce: {} ({})", seen.error().message, seen.error().detail);
        co_return error_response(ErrorCode::Unavailable, kCannotRecord);
    }
    if (*seen)
        co_return replay_refused(request);
    co_return co_await record_report(m, request, signature, std::move(update), recipient, nonce);
}

}

std::expected<SignedPlivoCallback, Response> signed_plivo_callback(Request const& request, Config const& config, std::string_view what)
{
    auto url = config.public_url + std::string(request.message.target());
    bool is_post = request.message.method() == http::verb::post;
    auto params = is_post ? parse_form(request.message.body()) : FormFields {};
    auto signature = plivo_signature_of(request, url, params, config.plivo.auth_token);
    if (!signature) {
        spdlog::warn("{} with a missing or wrong Plivo signature from {} refused", what, request.peer.to_string());
        return std::unexpected(error_response(ErrorCode::PermissionDenied, kInvalidPlivoSignature));
    }
    if (!is_post)
        params = parse_form(request.query());
    return SignedPlivoCallback { std::move(*signature), std::move(params) };
}

std::optional<int> integer_form_value(std::optional<std::string> const& text)
{
    if (!text || text->empty())
        return std::nullopt;
    int value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc {} || end != text->data() + text->size())
        return std::nullopt;
    return value;
}

std::optional<PlivoSignature> plivo_signature_of(Request const& request, std::string_view url, FormFields const& params,
    std::string_view auth_token)
{
    auto v3 = request.header(kSignatureV3Header);
    auto v3_main = request.header(kSignatureMainAccountV3Header);
    auto v3_nonce = request.header(kSignatureV3NonceHeader);
    if (!v3.empty() || !v3_main.empty() || !v3_nonce.empty()) {
        if (v3_nonce.empty())
            return std::nullopt;
        auto method = std::string(request.message.method_string());
        if ((!v3.empty() && verify_signature_v3(auth_token, method, url, params, v3_nonce, v3))
            || (!v3_main.empty() && verify_signature_v3(auth_token, method, url, params, v3_nonce, v3_main)))
            return PlivoSignature { true, std::string(v3_nonce), std::string(request.header(kSignatureV2NonceHeader)) };
        return std::nullopt;
    }
    auto v2 = request.header(kSignatureV2Header);
    auto v2_main = request.header(kSignatureMainAccountV2Header);
    auto v2_nonce = request.header(kSignatureV2NonceHeader);
    if (v2_nonce.empty())
        return std::nullopt;
    if ((!v2.empty() && verify_signature_v2(auth_token, url, v2_nonce, v2))
        || (!v2_main.empty() && verify_signature_v2(auth_token, url, v2_nonce, v2_main)))
        return PlivoSignature { false, std::string(v2_nonce), {} };
    return std::nullopt;
}

Result<bool> consume_plivo_signature(SqlConnection& connection, PlivoSignature const& signature, Millis keep_until, Millis now)
{
    auto fresh = consume_signature_nonce(connection, signature.nonce_key(), keep_until, now);
    if (!fresh || !*fresh || signature.v2_nonce_alongside.empty())
        return fresh;
    if (auto alongside = consume_signature_nonce(connection, "v2:" + signature.v2_nonce_alongside, keep_until, now); !alongside)
        return std::unexpected(std::move(alongside.error()));
    return true;
}

void add_status_callback_routes(Router& router, StatusCallbackDependencies dependencies)
{
    auto shared = std::make_shared<StatusCallbackDependencies>(std::move(dependencies));
    router.add(http::verb::post, "/api/plivo/status", [shared](Request& request) { return handle_status(*shared, request); });
    router.add(http::verb::get, "/api/plivo/status", [shared](Request& request) { return handle_status(*shared, request); });
    router.add(http::verb::post, "/api/plivo/status/{token}", [shared](Request& request) { return handle_status(*shared, request); });
    router.add(http::verb::get, "/api/plivo/status/{token}", [shared](Request& request) { return handle_status(*shared, request); });
}

}
