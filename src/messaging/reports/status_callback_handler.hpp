#pragma once
// POST (or GET) /api/plivo/status[/<token>]: Plivo's delivery reports. Only signed reports count:
// V3 when any V3 header is present (never falling back to V2 then), otherwise V2; a bad or missing
// signature is 403 and changes nothing, and so is a nonce accepted before (a replay).
// The token (callback_token.hpp) names the send attempt the report is about: with the report's To
// it names one message, which takes the reported uuid if it has none yet (proof that Plivo has it).
// V3 signs the body, so such a report is applied as sent. V2 signs only the URL and nonce: a V2-only
// report is applied as sent only when its token ties it to the message it names; any other V2-only
// report is merely a hint, confirmed with Plivo's Get Message API, whose answer is applied instead.
// Reports are idempotent and never move a message backwards. A report on a uuid no message holds
// yet, while a send to its To number awaits Plivo's answer, is kept and applied when the uuid is
// stored (early_reports.hpp); any other unknown uuid is 404.
#include "config/config.hpp"
#include "core/encoding.hpp"
#include "http/router.hpp"
#include "messaging/callback_token.hpp"
#include "messaging/message_feed.hpp"
#include "messaging/plivo_gateway.hpp"
#include "store/database.hpp"

namespace mmsgate {

struct StatusCallbackDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<MessageFeed> feed;
    PlivoGateway& plivo; // Get Message, to confirm V2-only reports no token ties to their message
    CallbackTokens tokens;
};

struct PlivoSignature {
    bool covers_body = false; // V3; V2 covers only the URL and the nonce
    std::string nonce;
    // Plivo signs each request with V3 and V2 under different nonces. When V3 verifies, the V2
    // nonce sent alongside must be consumed too: otherwise its header pair, seen once, stays valid
    // for a V2-only request with any body (a downgrade).
    std::string v2_nonce_alongside;

    [[nodiscard]] std::string nonce_key() const { return std::string(covers_body ? "v3:" : "v2:") + nonce; }
};

// The valid signature of a report (the rule above), or nothing; `url` is the full URL Plivo called.
[[nodiscard]] std::optional<PlivoSignature> plivo_signature_of(Request const& request, std::string_view url,
    FormFields const& params, std::string_view auth_token);

// A Plivo callback whose signature checked out (the rule above, against config.public_url and the
// request's target), and its fields: a POST's form body, a GET's query.
struct SignedPlivoCallback {
    PlivoSignature signature;
    FormFields params;
};
// The callback, or the 403 answer when its signature is missing or wrong (logged, `what` naming it).
[[nodiscard]] std::expected<SignedPlivoCallback, Response> signed_plivo_callback(Request const& request, Config const& config,
    std::string_view what);

// A callback field's whole-number value; nothing when it is missing, empty or not a number.
[[nodiscard]] std::optional<int> integer_form_value(std::optional<std::string> const& text);

// Consumes the signature's nonce (true when it was fresh) and, in the same transaction, the V2
// nonce that came alongside a V3 signature (whether or not it was seen before).
[[nodiscard]] Result<bool> consume_plivo_signature(SqlConnection& connection, PlivoSignature const& signature,
    Millis keep_until, Millis now);

void add_status_callback_routes(Router& router, StatusCallbackDependencies dependencies);

}
