#include "fetch/checked_fetch.hpp"

#include "core/ip_address_ranges.hpp"
#include "core/url.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <arpa/inet.h>
#include <memory>
#include <netdb.h>

namespace mmsgate {

namespace {

using Outcome = CheckedFetch::Outcome;
using SteadyClock = std::chrono::steady_clock;

CheckedFetch ended(Outcome kind, std::string error)
{
    CheckedFetch fetch;
    fetch.outcome = kind;
    fetch.error = std::move(error);
    return fetch;
}

struct AddressLookup {
    std::optional<std::string> usable; // the first address that may be connected to
    std::string refusal; // why none may
    bool resolved = false;
};

std::string address_text(sockaddr const* address)
{
    char text[INET6_ADDRSTRLEN] {};
    if (address->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in const*>(address)->sin_addr, text, sizeof text);
    else if (address->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 const*>(address)->sin6_addr, text, sizeof text);
    return text;
}

// is_loopback_host reads IPv6 literals in brackets, as URLs write them.
bool is_loopback_address_text(std::string const& address)
{
    return is_loopback_host(address.find(':') != std::string::npos ? "[" + address + "]" : address);
}

std::optional<std::string_view> special_range_of(std::string const& address)
{
    auto literal = parse_ip_literal(address);
    if (!literal)
        return "not an IP address";
    return literal->v4 ? special_purpose_range(*literal->v4) : special_purpose_range(*literal->v6);
}

// Every address the name resolves to is judged; a name that points anywhere special is refused
// whole (a rebinding name often mixes a public address with a private one).
AddressLookup checked_address(std::string const& host, bool loopback_allowed)
{
    AddressLookup lookup;
    auto name = host.starts_with('[') ? host.substr(1, host.size() - 2) : host;
    addrinfo hints {};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(name.c_str(), nullptr, &hints, &found) != 0 || !found)
        return lookup;
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
    lookup.resolved = true;
    for (auto* entry = found; entry; entry = entry->ai_next) {
        auto address = address_text(entry->ai_addr);
        if (address.empty())
            continue;
        auto special = special_range_of(address);
        if (special && !(loopback_allowed && is_loopback_address_text(address))) {
            lookup.usable.reset();
            lookup.refusal = fmt::format("{} resolves to {} in {}", name, address, *special);
            return lookup;
        }
        if (!lookup.usable)
            lookup.usable = address;
    }
    if (!lookup.usable)
        lookup.refusal = name + " has no usable address";
    return lookup;
}

struct Sink {
    std::string bytes;
    std::size_t limit = 0;
    bool too_big = false;
    bool headers_only = false;
    bool stopped_at_body = false;
};

std::size_t write_capped(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& sink = *static_cast<Sink*>(user);
    auto length = size * count;
    if (sink.headers_only) {
        sink.stopped_at_body = true;
        return 0;
    }
    if (sink.bytes.size() + length > sink.limit) {
        sink.too_big = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
    sink.bytes.append(data, length);
    return length;
}

int abort_when_stopping(void* stopping, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return stopping && static_cast<std::atomic<bool> const*>(stopping)->load() ? 1 : 0;
}

struct Hop {
    CheckedFetch fetch;
    std::optional<std::string> redirect; // where a 3xx answer points
};

// One request to one checked URL; `left` is what remains of the time limit.
Hop fetch_once(std::string const& url_text, CheckedFetchRules const& rules, std::chrono::milliseconds left)
{
    if (url_text.find_first_of("\\@") != std::string::npos)
        return { ended(Outcome::Refused, "a URL with `\\` or `@` is refused"), {} };
    auto url = parse_http_url(url_text);
    if (!url || !url->user_info.empty())
        return { ended(Outcome::Refused, "not an http(s) URL without credentials"), {} };
    bool loopback_port_ok = rules.allow_loopback && (rules.loopback_port == 0 || url->effective_port() == rules.loopback_port);
    if (url->scheme != "https" && !loopback_port_ok)
        return { ended(Outcome::Refused, "only https:// addresses are fetched"), {} };
    auto lookup = checked_address(url->host, loopback_port_ok);
    if (!lookup.resolved) {
        auto fetch = ended(Outcome::Unreachable, fmt::format("cannot resolve {}", url->host));
        fetch.resolved = false;
        return { std::move(fetch), {} };
    }
    if (!lookup.usable)
        return { ended(Outcome::Refused, lookup.refusal), {} };
    bool loopback_target = is_loopback_address_text(*lookup.usable);
    if (url->scheme == "http" && !loopback_target)
        return { ended(Outcome::Refused, "plain http is allowed to loopback addresses only (a test setting)"), {} };

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        return { ended(Outcome::Unreachable, "libcurl could not start a transfer"), {} };
    // Pinned to the checked address whatever host curl reads from the URL ("::address:" keeps the
    // URL's host for the Host header, SNI and the certificate check).
    auto pinned_address = lookup.usable->find(':') != std::string::npos ? "[" + *lookup.usable + "]" : *lookup.usable;
    auto pin = "::" + pinned_address + ":";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> connect_to(curl_slist_append(nullptr, pin.c_str()), &curl_slist_free_all);
    auto checked_url = url->request_url();
    Sink sink { {}, rules.max_bytes, false, rules.headers_only, false };
    auto* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, checked_url.c_str());
    curl_easy_setopt(handle, CURLOPT_CONNECT_TO, connect_to.get());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, url->scheme == "http" ? "http" : "https");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_PROXY, ""); // never through a proxy from the environment
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, long(std::max<long long>(1, left.count())));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, long(std::clamp<long long>(left.count(), 1, 10000)));
    if (!rules.headers_only)
        curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(rules.max_bytes));
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &write_capped);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, rules.user_agent.c_str());
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &abort_when_stopping);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(rules.stopping));
    if (!rules.ca_bundle.empty())
        curl_easy_setopt(handle, CURLOPT_CAINFO, rules.ca_bundle.c_str());
    auto result = curl_easy_perform(handle);

    Hop hop;
    auto& fetch = hop.fetch;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &fetch.status);
    char* content_type = nullptr;
    if (curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK && content_type)
        fetch.content_type = content_type;
    curl_off_t length = -1;
    if (curl_easy_getinfo(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK && length >= 0)
        fetch.content_length = std::int64_t(length);
    if (sink.too_big || result == CURLE_FILESIZE_EXCEEDED) {
        fetch.outcome = Outcome::TooLarge;
        fetch.error = fmt::format("larger than {} bytes", rules.max_bytes);
        return hop;
    }
    bool stopped_on_purpose = result == CURLE_WRITE_ERROR && sink.stopped_at_body;
    if (result != CURLE_OK && !stopped_on_purpose) {
        fetch.outcome = Outcome::Unreachable;
        fetch.timed_out = result == CURLE_OPERATION_TIMEDOUT;
        fetch.error = fetch.timed_out ? fmt::format("no complete answer within {} ms", left.count()) : curl_easy_strerror(result);
        return hop;
    }
    if (fetch.status >= 200 && fetch.status < 300) {
        fetch.outcome = Outcome::Fetched;
        fetch.bytes = std::move(sink.bytes);
        return hop;
    }
    fetch.outcome = Outcome::NotSuccess;
    fetch.error = fmt::format("HTTP {}", fetch.status);
    char* location = nullptr;
    if (fetch.status >= 300 && fetch.status < 400 && curl_easy_getinfo(handle, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
        hop.redirect = location;
    return hop;
}

}

CheckedFetch checked_fetch(std::string const& url, CheckedFetchRules const& rules)
{
    auto deadline = SteadyClock::now() + rules.timeout;
    auto current = url;
    for (int hop_number = 0;; ++hop_number) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
        if (left.count() <= 0) {
            auto fetch = ended(Outcome::Unreachable, fmt::format("no complete answer within {} ms", rules.timeout.count()));
            fetch.timed_out = true;
            return fetch;
        }
        auto hop = fetch_once(current, rules, left);
        if (!hop.redirect) {
            if (hop_number > 0 && hop.fetch.outcome != Outcome::Fetched)
                hop.fetch.error = fmt::format("redirected to {}: {}", current, hop.fetch.error);
            return std::move(hop.fetch);
        }
        if (hop_number >= rules.max_redirects) {
            hop.fetch.error = fmt::format("HTTP {}: more than {} redirects", hop.fetch.status, rules.max_redirects);
            return std::move(hop.fetch);
        }
        // The next URL is checked like the first: a redirect to a private address is refused before
        // anything is sent there.
        current = *hop.redirect;
    }
}

}
