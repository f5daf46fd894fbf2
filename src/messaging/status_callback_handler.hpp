#pragma once
// POST (or GET) /api/plivo/status: Plivo's delivery reports. Only signed reports count: V3 when
// any V3 header is present (never falling back to V2 then), otherwise V2; a bad or missing
// signature is 403 and changes nothing. Reports are idempotent and never move a message backwards.
// A report on a uuid no message holds yet, while a send to its To number awaits Plivo's answer, is
// kept and applied when the uuid is stored (early_reports.hpp); any other unknown uuid is 404.
#include "config/config.hpp"
#include "core/encoding.hpp"
#include "http/router.hpp"
#include "messaging/message_feed.hpp"
#include "store/database.hpp"

namespace mmsgate {

struct StatusCallbackDependencies {
    Config const& config;
    Database& database;
    std::shared_ptr<MessageFeed> feed;
};

void add_status_callback_routes(Router& router, StatusCallbackDependencies dependencies);

// The signature rule above, exposed for tests: `url` is the full URL Plivo called.
[[nodiscard]] bool has_valid_plivo_signature(Request const& request, std::string_view url, FormFields const& params,
    std::string_view auth_token);

}
