#include "inbound/sandbox_inbound.hpp"

#include "http/response.hpp"
#include "http/same_origin.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mmsgate {

namespace {

bool is_e164_number(std::string const& number)
{
    return number.size() >= 9 && number.size() <= 16 && number.front() == '+'
        && std::all_of(number.begin() + 1, number.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Awaitable<Response> simulate_inbound(SandboxInboundDependencies const& m, Request& request)
{
    auto user = co_await m.authenticate(request);
    if (!user)
        co_return authentication_failure(user.error());
    if (!user->may(Permission::MessagesSend))
        co_return error_response(permission_refused(Permission::MessagesSend));
    if (is_cross_site_request(request, m.config.nextauth_url))
        co_return error_response(http::status::forbidden, "Cross-site requests are not allowed");
    auto body = nlohmann::json::parse(request.message.body(), nullptr, false);
    if (!body.is_object())
        co_return error_response(http::status::bad_request, "Expected a JSON object");
    IncomingMessageSpec spec;
    spec.from = body.value("from", "");
    spec.to = body.value("to", m.config.plivo.sender_number);
    spec.text = body.value("text", "");
    auto media_count = body.contains("mediaCount") && body["mediaCount"].is_number_integer() ? body["mediaCount"].get<int>() : 0;
    if (!is_e164_number(spec.from))
        co_return error_response(http::status::bad_request, "from must be an E.164 number like +14155550111", "from");
    if (!is_e164_number(spec.to))
        co_return error_response(http::status::bad_request, "to must be an E.164 number like +14155550100", "to");
    if (spec.text.size() > 1600)
        co_return error_response(http::status::bad_request, "text must be at most 1,600 characters", "text");
    if (media_count < 0 || media_count > 10)
        co_return error_response(http::status::bad_request, "mediaCount must be 0 to 10", "mediaCount");
    spec.media_count = media_count;
    spec.url = m.config.public_url + "/api/plivo/inbound";
    spec.media_base_url = m.config.plivo.api_url; // the simulator's own loopback address
    auto uuid = m.simulator->deliver_incoming(spec);
    co_return json_response(http::status::accepted, { { "success", true }, { "messageUuid", uuid } });
}

}

void add_sandbox_inbound_route(Router& router, SandboxInboundDependencies dependencies)
{
    auto shared = std::make_shared<SandboxInboundDependencies>(std::move(dependencies));
    router.add(http::verb::post, "/api/sandbox/inbound", [shared](Request& request) { return simulate_inbound(*shared, request); });
}

}
