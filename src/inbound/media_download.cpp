#include "inbound/media_download.hpp"

#include "core/url.hpp"
#include "fetch/checked_fetch.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mmsgate {

namespace {

using Outcome = MediaDownload::Outcome;

MediaDownload outcome(Outcome kind, std::string error) { return { kind, {}, std::move(error) }; }

}

MediaDownload download_media(std::string const& url_text, InboundMediaSettings const& settings, std::string const& ca_bundle,
    std::atomic<bool> const& stopping)
{
    // checked_fetch refuses these too; here first, so no host name is even looked up for them.
    if (url_text.find_first_of("\\@") != std::string::npos)
        return outcome(Outcome::Refused, "a media URL with `\\` or `@` is refused");
    auto url = parse_http_url(url_text);
    if (!url || !url->user_info.empty())
        return outcome(Outcome::Refused, "not an http(s) URL without credentials");
    bool allowed_host = std::ranges::find(settings.allowed_hosts, url->host) != settings.allowed_hosts.end();
    if (!allowed_host)
        return outcome(Outcome::Refused, fmt::format("host {} is not in MMSGATE_INBOUND_MEDIA_HOSTS", url->host));

    CheckedFetchRules rules;
    rules.max_bytes = settings.max_file_bytes;
    rules.timeout = settings.timeout;
    rules.max_redirects = 0;
    rules.allow_loopback = settings.allow_loopback_http;
    rules.ca_bundle = ca_bundle;
    rules.user_agent = "mmsgate media copier";
    rules.stopping = &stopping;
    auto fetch = checked_fetch(url_text, rules);
    switch (fetch.outcome) {
    case CheckedFetch::Outcome::Refused: return outcome(Outcome::Refused, fetch.error);
    case CheckedFetch::Outcome::TooLarge:
        return outcome(Outcome::Refused, fmt::format("larger than {} bytes (MMSGATE_INBOUND_MEDIA_MAX_BYTES)", settings.max_file_bytes));
    case CheckedFetch::Outcome::Unreachable: return outcome(Outcome::RetryLater, fetch.error);
    case CheckedFetch::Outcome::Fetched:
    case CheckedFetch::Outcome::NotSuccess: break;
    }
    if (fetch.status == 200)
        return { Outcome::Fetched, std::move(fetch.bytes), {} };
    bool final = fetch.status >= 400 && fetch.status < 500 && fetch.status != 408 && fetch.status != 429;
    return outcome(final ? Outcome::Failed : Outcome::RetryLater, fmt::format("HTTP {}", fetch.status));
}

}
