#include "plivo/simulator/faults.hpp"

#include "plivo/simulator/control_fields.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace mmsgate {

using nlohmann::json;
using simulator::read_integer;

namespace {

Result<void> read_texts(json const& body, char const* key, std::vector<std::string>& out)
{
    auto found = body.find(key);
    if (found == body.end() || found->is_null())
        return {};
    if (!found->is_array())
        return fail_field(key, fmt::format("{} must be an array of texts", key));
    for (auto const& text : *found) {
        if (!text.is_string())
            return fail_field(key, fmt::format("{} must be an array of texts", key));
        out.push_back(text.get<std::string>());
    }
    return {};
}

// Removes one `text` from `texts`; whether it was there.
bool take_text(std::vector<std::string>& texts, std::string const& text)
{
    auto found = std::ranges::find(texts, text);
    if (found == texts.end())
        return false;
    texts.erase(found);
    return true;
}

}

Result<FaultSettings> parse_fault_settings(json const& body)
{
    if (!body.is_object())
        return fail(ErrorCode::InvalidArgument, "the fault settings must be a JSON object");
    FaultSettings settings;
    long long latency = 0;
    long long callback_delay = settings.callback_delay.count();
    long long report_delay = 0;
    int retry_after = -1;
    int error_code = -1;
    for (auto result : {
             read_integer(body, "latency_ms", 0, 600000, latency),
             read_integer(body, "status", 0, 599, settings.status),
             read_integer(body, "status_count", -1, 1000000000, settings.status_count),
             read_integer(body, "retry_after", 0, 86400, retry_after),
             read_integer(body, "drop_count", -1, 1000000000, settings.drop_count),
             read_integer(body, "error_code", 0, 1000000, error_code),
             read_integer(body, "callback_delay_ms", 0, 3600000, callback_delay),
             read_integer(body, "list_total_extra", 0, 1000000, settings.list_total_extra),
             read_integer(body, "report_delay_ms", 0, 3600000, report_delay),
             read_texts(body, "drop_answer_texts", settings.drop_answer_texts),
             read_texts(body, "refuse_texts", settings.refuse_texts),
         }) {
        if (!result)
            return std::unexpected(std::move(result.error()));
    }
    if (settings.status != 0 && settings.status < 400)
        return fail_field("status", "status must be an HTTP error status (400-599) or 0");
    settings.latency = std::chrono::milliseconds(latency);
    settings.callback_delay = std::chrono::milliseconds(callback_delay);
    settings.report_delay = std::chrono::milliseconds(report_delay);
    if (retry_after >= 0)
        settings.retry_after = retry_after;
    if (error_code >= 0)
        settings.error_code = error_code;
    if (auto rate = body.find("random_error_rate"); rate != body.end() && !rate->is_null()) {
        if (!rate->is_number() || rate->get<double>() < 0 || rate->get<double>() > 1)
            return fail_field("random_error_rate", "random_error_rate must be a number from 0 to 1");
        settings.random_error_rate = rate->get<double>();
    }
    for (auto [key, flag] : { std::pair { "drop_after_read", &settings.drop_after_read }, std::pair { "lose_reports", &settings.lose_reports } }) {
        if (auto found = body.find(key); found != body.end() && !found->is_null()) {
            if (!found->is_boolean())
                return fail_field(key, fmt::format("{} must be true or false", key));
            *flag = found->get<bool>();
        }
    }
    if (auto outcome = body.find("outcome"); outcome != body.end() && !outcome->is_null()) {
        if (!outcome->is_string()
            || (*outcome != "delivered" && *outcome != "undelivered" && *outcome != "failed"))
            return fail_field("outcome", "outcome must be \"delivered\", \"undelivered\" or \"failed\"");
        settings.outcome = outcome->get<std::string>();
    }
    return settings;
}

json fault_settings_json(FaultSettings const& settings)
{
    return {
        { "latency_ms", settings.latency.count() },
        { "status", settings.status },
        { "status_count", settings.status_count },
        { "retry_after", settings.retry_after ? json(*settings.retry_after) : json(nullptr) },
        { "random_error_rate", settings.random_error_rate },
        { "drop_after_read", settings.drop_after_read },
        { "drop_count", settings.drop_count },
        { "outcome", settings.outcome },
        { "error_code", settings.error_code ? json(*settings.error_code) : json(nullptr) },
        { "callback_delay_ms", settings.callback_delay.count() },
        { "drop_answer_texts", settings.drop_answer_texts },
        { "refuse_texts", settings.refuse_texts },
        { "list_total_extra", settings.list_total_extra },
        { "lose_reports", settings.lose_reports },
        { "report_delay_ms", settings.report_delay.count() },
    };
}

FaultDecision decide_faults(FaultSettings& settings, double random_fraction)
{
    FaultDecision decision;
    decision.delay = settings.latency;
    if (settings.status != 0 && settings.status_count != 0) {
        decision.status = settings.status;
        decision.retry_after = settings.retry_after;
        if (settings.status_count > 0)
            --settings.status_count;
        return decision;
    }
    if (random_fraction < settings.random_error_rate) {
        static constexpr std::array kStatuses = { 429, 500, 503 };
        // Reuse the same draw: scaled back to [0, 1) it picks the status uniformly.
        auto index = std::size_t(random_fraction / settings.random_error_rate * double(kStatuses.size()));
        decision.status = kStatuses[std::min(index, kStatuses.size() - 1)];
        decision.retry_after = settings.retry_after;
    }
    return decision;
}

bool consume_refusal(FaultSettings& settings, std::string const& text)
{
    return take_text(settings.refuse_texts, text);
}

bool consume_drop(FaultSettings& settings, std::string const& text)
{
    if (take_text(settings.drop_answer_texts, text))
        return true;
    if (!settings.drop_after_read || settings.drop_count == 0)
        return false;
    if (settings.drop_count > 0)
        --settings.drop_count;
    return true;
}

}
