#include "inbound/media_download.hpp"

#include "core/ip_address_ranges.hpp"
#include "core/url.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <arpa/inet.h>
#include <netdb.h>
#include <memory>

namespace mmsgate {

namespace {

using Outcome = MediaDownload::Outcome;

MediaDownload outcome(Outcome kind, std::string error) { return { kind, {}, std::move(error) }; }

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
};

std::size_t write_capped(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& sink = *static_cast<Sink*>(user);
    auto length = size * count;
    if (sink.bytes.size() + length > sink.limit) {
        sink.too_big = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
    sink.bytes.append(data, length);
    return length;
}

int abort_when_stopping(void* stopping, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return static_cast<std::atomic<bool> const*>(stopping)->load() ? 1 : 0;
}

}

MediaDownload download_media(std::string const& url_text, InboundMediaSettings const& settings, std::string const& ca_bundle,
    std::atomic<bool> const& stopping)
{
    // `\` and `@` are where URL parsers disagree on the host (WHATWG ends it at `\`, libcurl reads
    // up to `@` as user-info): Plivo's media URLs have neither, so they are refused outright.
    if (url_text.find_first_of("\\@") != std::string::npos)
        return outcome(Outcome::Refused, "a media URL with `\\` or `@` is refused");
    auto url = parse_http_url(url_text);
    if (!url || !url->user_info.empty())
        return outcome(Outcome::Refused, "not an http(s) URL without credentials");
    bool allowed_host = std::ranges::find(settings.allowed_hosts, url->host) != settings.allowed_hosts.end();
    if (!allowed_host)
        return outcome(Outcome::Refused, fmt::format("host {} is not in MMSGATE_INBOUND_MEDIA_HOSTS", url->host));
    bool loopback_test = settings.allow_loopback_http && url->scheme == "http";
    if (url->scheme != "https" && !loopback_test)
        return outcome(Outcome::Refused, "media are fetched over https only");
    auto lookup = checked_address(url->host, settings.allow_loopback_http);
    if (!lookup.resolved)
        return outcome(Outcome::RetryLater, fmt::format("cannot resolve {}", url->host));
    if (!lookup.usable)
        return outcome(Outcome::Refused, lookup.refusal);
    if (loopback_test && !is_loopback_address_text(*lookup.usable))
        return outcome(Outcome::Refused, "plain http is allowed to loopback addresses only (a test setting)");

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        return outcome(Outcome::RetryLater, "libcurl could not start a transfer");
    // Pinned to the checked address whatever host curl reads from the URL ("::address:" keeps the
    // URL's host for the Host header, SNI and the certificate check), like the webhook transfers.
    auto pinned_address = lookup.usable->find(':') != std::string::npos ? "[" + *lookup.usable + "]" : *lookup.usable;
    auto pin = "::" + pinned_address + ":";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> connect_to(curl_slist_append(nullptr, pin.c_str()), &curl_slist_free_all);
    // curl gets the URL rebuilt from what was checked, never the raw text.
    auto checked_url = url->request_url();
    Sink sink { {}, settings.max_file_bytes, false };
    auto* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, checked_url.c_str());
    curl_easy_setopt(handle, CURLOPT_CONNECT_TO, connect_to.get());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, loopback_test ? "http" : "https");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_PROXY, ""); // never through a proxy from the environment
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, long(settings.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, long(std::min<long long>(settings.timeout.count(), 10000)));
    curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.max_file_bytes));
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &write_capped);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, "mmsgate media copier");
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &abort_when_stopping);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(&stopping));
    if (!ca_bundle.empty())
        curl_easy_setopt(handle, CURLOPT_CAINFO, ca_bundle.c_str());
    auto result = curl_easy_perform(handle);
    if (sink.too_big || result == CURLE_FILESIZE_EXCEEDED)
        return outcome(Outcome::Refused, fmt::format("larger than {} bytes (MMSGATE_INBOUND_MEDIA_MAX_BYTES)", settings.max_file_bytes));
    if (result != CURLE_OK)
        return outcome(Outcome::RetryLater, curl_easy_strerror(result));
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    if (status == 200)
        return { Outcome::Fetched, std::move(sink.bytes), {} };
    bool final = status >= 400 && status < 500 && status != 408 && status != 429;
    return outcome(final ? Outcome::Failed : Outcome::RetryLater, fmt::format("HTTP {}", status));
}

}
