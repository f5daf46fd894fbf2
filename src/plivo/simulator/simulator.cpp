#include "plivo/simulator/simulator.hpp"

#include "core/random.hpp"
#include "core/secret.hpp"
#include "plivo/simulator/callbacks.hpp"
#include "plivo/simulator/message_validation.hpp"
#include "plivo/simulator/simulator_responses.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstring>

namespace mmsgate {

namespace simulator {

SimulatorResponse json_response(int status, nlohmann::json const& body)
{
    SimulatorResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = body.dump();
    return response;
}

SimulatorResponse api_error(int status, std::string const& error)
{
    return json_response(status, { { "api_id", random_uuid() }, { "error", error } });
}

}

using simulator::api_error;
using simulator::json_response;
using nlohmann::json;

namespace {

double random_fraction()
{
    std::uint64_t bits = 0;
    auto bytes = random_bytes(sizeof bits);
    std::memcpy(&bits, bytes.data(), sizeof bits);
    return double(bits >> 11) / double(std::uint64_t(1) << 53);
}

char const* reason_for(int status)
{
    switch (status) {
    case 429:
        return "Too many requests";
    case 500:
        return "Internal server error";
    case 502:
        return "Bad gateway";
    case 503:
        return "Service unavailable";
    case 504:
        return "Gateway timeout";
    default:
        return "Request failed";
    }
}

// "/v1/Account/{id}/Message/{uuid}/" -> {"v1", "Account", id, "Message", uuid}; empty if no trailing '/'.
std::vector<std::string> path_segments(std::string_view path)
{
    std::vector<std::string> segments;
    if (!path.ends_with('/'))
        return segments;
    path.remove_prefix(1);
    while (!path.empty()) {
        auto slash = path.find('/');
        segments.push_back(url_decode(path.substr(0, slash)));
        path.remove_prefix(slash + 1);
    }
    return segments;
}

}

PlivoSimulator::PlivoSimulator(SimulatorSettings settings)
    : m_settings(std::move(settings))
{
}

SimulatorResponse PlivoSimulator::handle(SimulatorRequest const& request)
{
    std::string_view target = request.target;
    auto question = target.find('?');
    auto path = target.substr(0, question);
    auto query = question == std::string_view::npos ? std::string_view {} : target.substr(question + 1);
    if (path.starts_with("/_sim/"))
        return handle_control(request, path);
    if (path.starts_with("/v1/"))
        return handle_api(request, path, query);
    return api_error(404, "not found");
}

bool PlivoSimulator::authorized(SimulatorRequest const& request, std::string_view account) const
{
    auto header = find_header(request.headers, "Authorization");
    if (!header || header->size() < 6 || !std::equal(header->begin(), header->begin() + 6, "Basic ",
            [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(b); }))
        return false;
    auto decoded = base64_decode(std::string_view(*header).substr(6));
    if (!decoded)
        return false;
    auto colon = decoded->find(':');
    if (colon == std::string::npos)
        return false;
    auto id = std::string_view(*decoded).substr(0, colon);
    auto token = std::string_view(*decoded).substr(colon + 1);
    // Both compared in full, so the time taken does not tell which one was wrong.
    bool id_matches = constant_time_equals(id, m_settings.auth_id);
    bool token_matches = constant_time_equals(token, m_settings.auth_token);
    return id_matches && token_matches && account == m_settings.auth_id;
}

SimulatorResponse PlivoSimulator::handle_api(SimulatorRequest const& request, std::string_view path, std::string_view query)
{
    auto segments = path_segments(path);
    if (segments.size() < 4 || segments[0] != "v1" || segments[1] != "Account")
        return api_error(404, "not found");
    if (!authorized(request, segments[2]))
        return api_error(401, "Authentication failed: check your Auth ID and Auth Token");

    auto in_flight = m_account_limits->admit();
    if (!in_flight)
        return api_error(429, reason_for(429));

    std::lock_guard lock(m_mutex);
    auto decision = decide_faults(m_faults, random_fraction());
    SimulatorResponse response;
    auto const& resource = segments[3];
    bool is_get = request.method == "GET";
    bool is_post = request.method == "POST";
    if (decision.status != 0) {
        response = api_error(decision.status, reason_for(decision.status));
        if (decision.retry_after)
            response.headers.emplace_back("Retry-After", std::to_string(*decision.retry_after));
    } else if (resource == "Message" && segments.size() == 4) {
        response = is_post ? send_message_locked(request)
            : is_get       ? list_messages_locked(query)
                           : api_error(405, "Method not allowed");
    } else if (resource == "Message" && segments.size() == 5) {
        response = is_get ? get_message_locked(segments[4]) : api_error(405, "Method not allowed");
    } else if (resource == "Media" && segments.size() == 4) {
        response = is_post ? upload_media_locked(request) : api_error(405, "Method not allowed");
    } else if (resource == "Media" && segments.size() == 5) {
        response = is_get ? get_media_locked(segments[4]) : api_error(405, "Method not allowed");
    } else if (resource == "Application") {
        response = applications_locked(request, segments);
    } else if (resource == "Number") {
        response = numbers_locked(request, segments);
    } else {
        response = api_error(404, "not found");
    }
    response.delay = decision.delay;
    response.in_flight = std::move(in_flight);
    return response;
}

SimulatorResponse PlivoSimulator::send_message_locked(SimulatorRequest const& request)
{
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        return api_error(400, "Invalid JSON in request body");
    auto validated = validate_send_message(body, [this](std::string const& id) { return media_usable_locked(id); });
    if (!validated)
        return api_error(400, validated.error());

    if (consume_refusal(m_faults, validated->text)) {
        // As if the connection broke before Plivo took the request: nothing is recorded.
        SimulatorResponse refused = api_error(503, reason_for(503));
        refused.drop_connection = true;
        return refused;
    }
    auto now = m_settings.clock();
    for (auto const& id : validated->media_ids)
        m_media[id].used = true;
    RecordedMessage record { random_uuid(), now, request.body, {}, validated->invalid_numbers, false };
    for (auto const& destination : validated->destinations) {
        SimulatedMessage message { random_uuid(), validated->source, destination, validated->type, now,
            m_faults.callback_delay, m_faults.outcome, m_faults.error_code,
            request.remote_address.empty() ? "127.0.0.1" : request.remote_address };
        if (!validated->callback_url.empty() && !m_faults.lose_reports) {
            CallbackTarget target { validated->callback_url, validated->callback_method };
            for (auto& callback : build_status_callbacks(message, target, m_settings.auth_token)) {
                callback.due += m_faults.report_delay.count();
                m_pending_callbacks.emplace(callback.due, std::move(callback));
            }
        }
        record.message_uuids.push_back(message.uuid);
        m_message_index.emplace(message.uuid, m_messages.size());
        m_messages.push_back(std::move(message));
    }
    json answer = { { "api_id", record.api_id }, { "message", "message(s) queued" },
        { "message_uuid", record.message_uuids } };
    if (!record.invalid_numbers.empty())
        answer["invalid_number"] = record.invalid_numbers;
    auto response = json_response(202, answer);
    record.connection_dropped = response.drop_connection = consume_drop(m_faults, validated->text);
    m_recorded.push_back(std::move(record));
    return response;
}

SimulatorResponse PlivoSimulator::get_message_locked(std::string const& uuid)
{
    if (auto incoming = m_incoming.find(uuid); incoming != m_incoming.end()) {
        // Plivo lists received messages too, with their direction (plivo-api.md).
        auto object = message_object(incoming->second, m_settings.auth_id, m_settings.clock());
        object["message_direction"] = "inbound";
        object["message_state"] = "received";
        object["error_code"] = nullptr;
        object["api_id"] = random_uuid();
        return json_response(200, object);
    }
    auto found = m_message_index.find(uuid);
    if (found == m_message_index.end())
        return api_error(404, "not found");
    auto object = message_object(m_messages[found->second], m_settings.auth_id, m_settings.clock());
    object["api_id"] = random_uuid();
    return json_response(200, object);
}

SimulatorResponse PlivoSimulator::list_messages_locked(std::string_view query_text)
{
    auto query = parse_message_list_query(parse_form(query_text));
    if (!query)
        return api_error(400, query.error());
    auto now = m_settings.clock();
    // Newest first, as Plivo lists them.
    std::vector<SimulatedMessage const*> matching;
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it) {
        if (matches(*query, *it, now))
            matching.push_back(&*it);
    }
    json objects = json::array();
    for (std::size_t i = std::size_t(query->offset); i < matching.size() && objects.size() < std::size_t(query->limit); ++i)
        objects.push_back(message_object(*matching[i], m_settings.auth_id, now));
    auto page_url = [&](int offset) {
        return fmt::format("/v1/Account/{}/Message/?limit={}&offset={}", m_settings.auth_id, query->limit, offset);
    };
    bool has_next = std::size_t(query->offset + query->limit) < matching.size();
    json meta = {
        { "limit", query->limit },
        { "offset", query->offset },
        { "total_count", matching.size() + std::size_t(m_faults.list_total_extra) },
        { "next", has_next ? json(page_url(query->offset + query->limit)) : json(nullptr) },
        { "previous", query->offset > 0 ? json(page_url(std::max(0, query->offset - query->limit))) : json(nullptr) },
    };
    return json_response(200, { { "api_id", random_uuid() }, { "meta", meta }, { "objects", objects } });
}

}
