#include "uploads/link_preflight.hpp"

#include "http/json_values.hpp"
#include "uploads/fetch_pool.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace mmsgate {

namespace {

std::string media_type_of(std::string const& content_type)
{
    auto type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    std::ranges::transform(type, type.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return type;
}

bool valid_media_type(std::string const& type)
{
    auto slash = type.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == type.size())
        return false;
    return std::ranges::all_of(type, [](unsigned char c) { return std::isalnum(c) || std::string_view("/!#$&^_.+-").find(char(c)) != std::string_view::npos; });
}

std::string kilobytes(std::int64_t bytes) { return fmt::format("{} KB", (bytes + 1023) / 1024); }

PreflightVerdict judge(CheckedFetch const& fetch, UploadSettings const& settings)
{
    PreflightVerdict verdict;
    if (fetch.status > 0)
        verdict.status = fetch.status;
    verdict.content_type = fetch.content_type;
    verdict.content_length = fetch.content_length;
    switch (fetch.outcome) {
    case CheckedFetch::Outcome::Refused: verdict.reason = "Refused: " + fetch.error; return verdict;
    case CheckedFetch::Outcome::Unreachable:
        verdict.reason = fetch.timed_out ? "The server did not answer in time (" + fetch.error + ")" : "The server could not be reached: " + fetch.error;
        return verdict;
    case CheckedFetch::Outcome::NotSuccess:
        verdict.reason = fmt::format("The server answered {}; Plivo needs a 2xx answer", fetch.error);
        return verdict;
    case CheckedFetch::Outcome::TooLarge:
    case CheckedFetch::Outcome::Fetched: break;
    }
    auto type = fetch.content_type ? media_type_of(*fetch.content_type) : std::string();
    verdict.image = type == "image/jpeg" || type == "image/png" || type == "image/gif";
    if (type.empty()) {
        verdict.reason = "The server sends no Content-Type; Plivo refuses such media";
        return verdict;
    }
    if (!valid_media_type(type)) {
        verdict.reason = fmt::format("The server's Content-Type \"{}\" is not a valid media type", *fetch.content_type);
        return verdict;
    }
    if (!fetch.content_length) {
        verdict.reason = "The server sends no Content-Length; Plivo refuses such media";
        return verdict;
    }
    auto length = *fetch.content_length;
    if (length > kPlivoMaxMediaBytes) {
        verdict.reason = fmt::format("The file is {}, over Plivo's 5 MB limit", kilobytes(length));
        return verdict;
    }
    if (length > std::int64_t(settings.target_bytes)) {
        verdict.verdict = "too_large";
        verdict.reason = fmt::format("The file is {}, over the {} carriers deliver reliably{}", kilobytes(length),
            kilobytes(std::int64_t(settings.target_bytes)), verdict.image ? "; fetch, fit and attach it instead" : "");
        return verdict;
    }
    verdict.verdict = "ok";
    verdict.reason = fmt::format("{}, {}", type, kilobytes(length));
    return verdict;
}

}

nlohmann::json PreflightVerdict::to_json() const
{
    nlohmann::json body = { { "verdict", verdict }, { "reason", reason }, { "image", image } };
    body["status"] = json_or_null(status);
    body["content_type"] = json_or_null(content_type);
    body["content_length"] = json_or_null(content_length);
    return body;
}

CheckedFetchRules link_fetch_rules(UploadSettings const& settings, std::string const& ca_bundle, bool headers_only)
{
    CheckedFetchRules rules;
    rules.max_bytes = headers_only ? std::size_t(kPlivoMaxMediaBytes) : settings.max_upload_bytes;
    rules.timeout = settings.preflight_timeout;
    rules.max_redirects = kPreflightMaxRedirects;
    rules.headers_only = headers_only;
    rules.allow_loopback = settings.preflight_test_loopback_port != 0;
    rules.loopback_port = settings.preflight_test_loopback_port;
    rules.ca_bundle = ca_bundle;
    rules.user_agent = "mmsgate link check";
    return rules;
}

Awaitable<PreflightVerdict> preflight_link(UploadSettings const& settings, std::string ca_bundle, std::string url)
{
    auto fetch = co_await checked_fetch_off_thread(std::move(url), link_fetch_rules(settings, ca_bundle, true));
    co_return judge(fetch, settings);
}

}
