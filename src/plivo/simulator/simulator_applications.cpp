// PlivoSimulator's Application and Number APIs: what `mmsgate plivo setup` uses to point a number's
// incoming messages at mmsgate (Plivo's docs: Application create/update/get, Number update).
#include "plivo/simulator/simulator.hpp"

#include "core/random.hpp"
#include "plivo/simulator/simulator_responses.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

using simulator::api_error;
using simulator::json_response;
using nlohmann::json;

namespace {

// Plivo takes JSON (the SDKs) or a form; both are read here.
json body_of(SimulatorRequest const& request)
{
    auto parsed = json::parse(request.body.empty() ? std::string("{}") : request.body, nullptr, false);
    if (parsed.is_object())
        return parsed;
    json fields = json::object();
    for (auto const& [name, value] : parse_form(request.body))
        fields[name] = value;
    return fields;
}

std::string digits_of(std::string const& number) { return number.starts_with('+') ? number.substr(1) : number; }

}

json PlivoSimulator::application_json_locked(SimulatedApplication const& application) const
{
    return {
        { "app_id", application.app_id }, { "app_name", application.app_name },
        { "message_url", application.message_url }, { "message_method", application.message_method },
        { "resource_uri", fmt::format("/v1/Account/{}/Application/{}/", m_settings.auth_id, application.app_id) },
    };
}

SimulatorResponse PlivoSimulator::applications_locked(SimulatorRequest const& request, std::vector<std::string> const& segments)
{
    bool is_post = request.method == "POST";
    if (segments.size() == 4 && request.method == "GET") {
        json objects = json::array();
        for (auto const& application : m_applications)
            objects.push_back(application_json_locked(application));
        json meta = { { "limit", 20 }, { "offset", 0 }, { "total_count", objects.size() }, { "next", nullptr }, { "previous", nullptr } };
        return json_response(200, { { "api_id", random_uuid() }, { "meta", meta }, { "objects", objects } });
    }
    if (segments.size() == 4 && is_post) {
        auto body = body_of(request);
        auto name = body.value("app_name", "");
        if (name.empty())
            return api_error(400, "app_name is required");
        SimulatedApplication application { std::to_string(10'000'000'000'000'000ULL + m_applications.size() * 7919 + 1), name,
            body.value("message_url", ""), body.value("message_method", "POST") };
        m_applications.push_back(application);
        return json_response(201, { { "api_id", random_uuid() }, { "app_id", application.app_id }, { "message", "created" } });
    }
    if (segments.size() != 5)
        return api_error(404, "not found");
    auto found = std::ranges::find(m_applications, segments[4], &SimulatedApplication::app_id);
    if (found == m_applications.end())
        return api_error(404, "not found");
    if (request.method == "GET") {
        auto object = application_json_locked(*found);
        object["api_id"] = random_uuid();
        return json_response(200, object);
    }
    if (!is_post)
        return api_error(405, "Method not allowed");
    auto body = body_of(request);
    if (body.contains("app_name"))
        found->app_name = body.value("app_name", found->app_name);
    if (body.contains("message_url"))
        found->message_url = body.value("message_url", found->message_url);
    if (body.contains("message_method"))
        found->message_method = body.value("message_method", found->message_method);
    return json_response(202, { { "api_id", random_uuid() }, { "message", "changed" } });
}

SimulatorResponse PlivoSimulator::numbers_locked(SimulatorRequest const& request, std::vector<std::string> const& segments)
{
    if (segments.size() != 5)
        return api_error(404, "not found");
    auto number = digits_of(segments[4]);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos)
        return api_error(404, "not found");
    if (request.method == "GET") {
        auto attached = m_number_applications.find(number);
        json application = attached == m_number_applications.end()
            ? json(nullptr)
            : json(fmt::format("/v1/Account/{}/Application/{}/", m_settings.auth_id, attached->second));
        return json_response(200, { { "api_id", random_uuid() }, { "number", number }, { "application", application },
            { "sms_enabled", true }, { "mms_enabled", true }, { "resource_uri", fmt::format("/v1/Account/{}/Number/{}/", m_settings.auth_id, number) } });
    }
    if (request.method != "POST")
        return api_error(405, "Method not allowed");
    auto app_id = body_of(request).value("app_id", "");
    if (std::ranges::find(m_applications, app_id, &SimulatedApplication::app_id) == m_applications.end())
        return api_error(400, "app_id is not an application of this account");
    m_number_applications[number] = app_id;
    return json_response(202, { { "api_id", random_uuid() }, { "message", "changed" } });
}

}
