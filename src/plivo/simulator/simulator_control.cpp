// PlivoSimulator's control API (/_sim/...) and its callback queue.
#include "plivo/simulator/simulator.hpp"

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "plivo/simulator/simulator_responses.hpp"

#include <nlohmann/json.hpp>

namespace mmsgate {

using simulator::json_response;
using nlohmann::json;

namespace {

json recorded_json(RecordedMessage const& record)
{
    auto request = json::parse(record.request_body, nullptr, false);
    return {
        { "api_id", record.api_id },
        { "received_at", format_iso8601(record.received_at) },
        { "request", request.is_discarded() ? json(record.request_body) : request },
        { "message_uuid", record.message_uuids },
        { "invalid_number", record.invalid_numbers },
        { "connection_dropped", record.connection_dropped },
    };
}

SimulatorResponse control_error(int status, std::string const& error)
{
    return json_response(status, { { "error", error } });
}

}

SimulatorResponse PlivoSimulator::handle_control(SimulatorRequest const& request, std::string_view path)
{
    if (path == "/_sim/messages" || path == "/_sim/messages/") {
        if (request.method == "GET") {
            json messages = json::array();
            for (auto const& record : recorded_messages())
                messages.push_back(recorded_json(record));
            return json_response(200, { { "count", messages.size() }, { "messages", messages } });
        }
        if (request.method == "DELETE") {
            reset();
            return json_response(200, { { "reset", true } });
        }
        return control_error(405, "use GET or DELETE");
    }
    if (path == "/_sim/faults" || path == "/_sim/faults/") {
        if (request.method == "GET")
            return json_response(200, fault_settings_json(faults()));
        if (request.method == "DELETE") {
            set_faults({});
            return json_response(200, fault_settings_json(faults()));
        }
        if (request.method == "POST" || request.method == "PUT") {
            auto body = json::parse(request.body.empty() ? std::string("{}") : request.body, nullptr, false);
            auto settings = parse_fault_settings(body);
            if (!settings)
                return control_error(400, settings.error().message);
            set_faults(*settings);
            return json_response(200, fault_settings_json(*settings));
        }
        return control_error(405, "use GET, POST or DELETE");
    }
    if (path == "/_sim/limits" || path == "/_sim/limits/") {
        if (request.method == "GET")
            return json_response(200, m_account_limits->to_json());
        if (request.method == "DELETE") {
            m_account_limits->configure({});
            return json_response(200, m_account_limits->to_json());
        }
        if (request.method == "POST" || request.method == "PUT") {
            auto body = json::parse(request.body.empty() ? std::string("{}") : request.body, nullptr, false);
            auto limits = parse_account_limits(body);
            if (!limits)
                return control_error(400, limits.error().message);
            m_account_limits->configure(*limits);
            return json_response(200, m_account_limits->to_json());
        }
        return control_error(405, "use GET, POST or DELETE");
    }
    if (path == "/_sim/inbound" || path == "/_sim/inbound/")
        return request.method == "POST" ? handle_incoming_control(request) : control_error(405, "use POST");
    if (path.starts_with("/_sim/media/"))
        return serve_media(path);
    if (path == "/_sim/uploads" || path == "/_sim/uploads/") {
        json uploads = json::array();
        for (auto const& file : uploaded_files())
            uploads.push_back({ { "media_id", file.media_id }, { "file_name", file.file_name }, { "content_type", file.content_type },
                { "size", file.data.size() }, { "data_base64", base64_encode(file.data) }, { "used", file.used } });
        return json_response(200, { { "count", uploads.size() }, { "uploads", uploads } });
    }
    if (path == "/_sim/uploads/expire") {
        if (request.method != "POST")
            return control_error(405, "use POST");
        expire_unused_media();
        return json_response(200, { { "expired", true } });
    }
    if (path == "/_sim/media-fetches") {
        std::lock_guard lock(m_mutex);
        int total = 0;
        for (auto const& [name, count] : m_media_fetches)
            total += count;
        return json_response(200, { { "count", total }, { "paths", m_media_fetches } });
    }
    if (path == "/_sim/applications") {
        std::lock_guard lock(m_mutex);
        json applications = json::array();
        for (auto const& application : m_applications)
            applications.push_back(application_json_locked(application));
        return json_response(200, { { "applications", applications }, { "numbers", m_number_applications } });
    }
    return control_error(404, "unknown simulator control path");
}

std::vector<OutgoingCallback> PlivoSimulator::take_due_callbacks(Millis now)
{
    std::vector<OutgoingCallback> due;
    std::lock_guard lock(m_mutex);
    auto end = m_pending_callbacks.upper_bound(now);
    for (auto it = m_pending_callbacks.begin(); it != end; ++it)
        due.push_back(std::move(it->second));
    m_pending_callbacks.erase(m_pending_callbacks.begin(), end);
    return due;
}

std::optional<Millis> PlivoSimulator::next_callback_due() const
{
    std::lock_guard lock(m_mutex);
    if (m_pending_callbacks.empty())
        return std::nullopt;
    return m_pending_callbacks.begin()->first;
}

void PlivoSimulator::requeue_callback(OutgoingCallback callback)
{
    std::lock_guard lock(m_mutex);
    auto due = callback.due;
    m_pending_callbacks.emplace(due, std::move(callback));
}

std::vector<RecordedMessage> PlivoSimulator::recorded_messages() const
{
    std::lock_guard lock(m_mutex);
    return m_recorded;
}

FaultSettings PlivoSimulator::faults() const
{
    std::lock_guard lock(m_mutex);
    return m_faults;
}

void PlivoSimulator::set_faults(FaultSettings faults)
{
    std::lock_guard lock(m_mutex);
    m_faults = std::move(faults);
}

void PlivoSimulator::reset()
{
    std::lock_guard lock(m_mutex);
    m_recorded.clear();
    m_messages.clear();
    m_message_index.clear();
    m_media.clear();
    m_pending_callbacks.clear();
}

}
