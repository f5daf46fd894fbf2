#include "plivo/detail/curl_transfer.hpp"

#include <fmt/format.h>

namespace mmsgate {

namespace {

// Failures libcurl can only report before the request is written, whatever the timing says.
bool is_before_request_code(CURLcode code)
{
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
        return true;
    default:
        return false;
    }
}

}

TransportFailureKind classify_transport_failure(CURLcode code, curl_off_t pretransfer_micros)
{
    // libcurl records the pre-transfer time (at least 1 µs) once the connection is ready and it is
    // about to write the request; 0 means it never got there.
    if (is_before_request_code(code) || pretransfer_micros <= 0)
        return TransportFailureKind::NeverSent;
    return TransportFailureKind::OutcomeUnknown;
}

CurlTransfer::CurlTransfer(HttpRequest request, HttpClient::Completion completion)
    : m_request(std::move(request))
    , m_completion(std::move(completion))
{
}

CurlTransfer::~CurlTransfer()
{
    if (m_handle)
        curl_easy_cleanup(m_handle);
    curl_slist_free_all(m_header_list);
    curl_slist_free_all(m_connect_to);
}

bool CurlTransfer::prepare(HttpClientSettings const& settings, CURLSH* share, std::string& error)
{
    m_handle = curl_easy_init();
    if (!m_handle) {
        error = "curl_easy_init failed";
        return false;
    }
    m_max_response_bytes = settings.max_response_bytes;
    for (auto const& [name, value] : m_request.headers)
        m_header_list = curl_slist_append(m_header_list, (name + ": " + value).c_str());
    // libcurl would otherwise wait for "100 Continue" before sending a large body (media uploads).
    m_header_list = curl_slist_append(m_header_list, "Expect:");
    auto timeout = m_request.timeout.value_or(settings.total_timeout);

    CURLcode code = CURLE_OK;
    auto set = [&](CURLoption option, auto value) {
        if (code == CURLE_OK)
            code = curl_easy_setopt(m_handle, option, value);
    };
    set(CURLOPT_URL, m_request.url.c_str());
    set(CURLOPT_PRIVATE, static_cast<void*>(this));
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    set(CURLOPT_PIPEWAIT, 1L);
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings.ca_bundle.empty())
        set(CURLOPT_CAINFO, settings.ca_bundle.c_str());
    // No CURLOPT_PROXY: libcurl then reads https_proxy / HTTPS_PROXY / NO_PROXY from the environment.
    set(CURLOPT_CONNECTTIMEOUT_MS, long(settings.connect_timeout.count()));
    set(CURLOPT_TIMEOUT_MS, long(timeout.count()));
    set(CURLOPT_MAXAGE_CONN, long(settings.max_idle_connection_age.count()));
    set(CURLOPT_TCP_KEEPALIVE, 1L);
    set(CURLOPT_ACCEPT_ENCODING, "");
    set(CURLOPT_SHARE, share);
    set(CURLOPT_ERRORBUFFER, m_error);
    set(CURLOPT_WRITEFUNCTION, &CurlTransfer::on_body);
    set(CURLOPT_WRITEDATA, static_cast<void*>(this));
    set(CURLOPT_HEADERFUNCTION, &CurlTransfer::on_header);
    set(CURLOPT_HEADERDATA, static_cast<void*>(this));
    set(CURLOPT_HTTPHEADER, m_header_list);
    if (m_request.connect_to_address) {
        // "::address:" keeps the URL's host (Host header, SNI, certificate check) and port.
        auto const& address = *m_request.connect_to_address;
        auto target = address.find(':') != std::string::npos ? "[" + address + "]" : address;
        m_connect_to = curl_slist_append(m_connect_to, ("::" + target + ":").c_str());
        set(CURLOPT_CONNECT_TO, m_connect_to);
        set(CURLOPT_NOPROXY, "*");
    }
    if (m_request.must_not_repeat) {
        set(CURLOPT_FRESH_CONNECT, 1L);
        set(CURLOPT_FORBID_REUSE, 1L);
    }
    if (m_request.method == "GET") {
        set(CURLOPT_HTTPGET, 1L);
    } else if (m_request.method == "HEAD") {
        set(CURLOPT_NOBODY, 1L);
    } else {
        if (m_request.method != "POST")
            set(CURLOPT_CUSTOMREQUEST, m_request.method.c_str());
        if (m_request.method == "POST" || !m_request.body.empty()) {
            // The body stays in m_request for the whole transfer, so libcurl need not copy it.
            set(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_request.body.size()));
            set(CURLOPT_POSTFIELDS, m_request.body.data());
        }
    }
    if (code != CURLE_OK) {
        error = curl_easy_strerror(code);
        return false;
    }
    return true;
}

size_t CurlTransfer::on_body(char* data, size_t size, size_t count, void* self)
{
    auto& transfer = *static_cast<CurlTransfer*>(self);
    auto bytes = size * count;
    if (transfer.m_response.body.size() + bytes > transfer.m_max_response_bytes)
        return 0; // libcurl fails the transfer with CURLE_WRITE_ERROR
    transfer.m_response.body.append(data, bytes);
    return bytes;
}

size_t CurlTransfer::on_header(char* data, size_t size, size_t count, void* self)
{
    auto& transfer = *static_cast<CurlTransfer*>(self);
    auto bytes = size * count;
    std::string_view line(data, bytes);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.remove_suffix(1);
    // A status line starts a new response (after "100 Continue"): keep only the final one's headers.
    if (line.starts_with("HTTP/")) {
        transfer.m_response.headers.clear();
        return bytes;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return bytes;
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    transfer.m_response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    return bytes;
}

curl_off_t CurlTransfer::pretransfer_micros() const
{
    curl_off_t micros = 0;
    if (!m_handle || curl_easy_getinfo(m_handle, CURLINFO_PRETRANSFER_TIME_T, &micros) != CURLE_OK)
        return 0;
    return micros;
}

void CurlTransfer::finish(CURLcode code)
{
    if (code != CURLE_OK) {
        auto message = m_error[0] ? std::string(m_error) : std::string(curl_easy_strerror(code));
        fail({ classify_transport_failure(code, pretransfer_micros()),
            fmt::format("{} (curl error {})", message, int(code)) });
        return;
    }
    long status = 0;
    curl_easy_getinfo(m_handle, CURLINFO_RESPONSE_CODE, &status);
    m_response.status = int(status);
    if (m_completion)
        std::exchange(m_completion, nullptr)(std::move(m_response));
}

void CurlTransfer::abandon(std::string const& reason)
{
    fail({ classify_transport_failure(CURLE_OK, pretransfer_micros()), reason });
}

void CurlTransfer::fail(TransportFailure failure)
{
    if (m_completion)
        std::exchange(m_completion, nullptr)(std::unexpected(std::move(failure)));
}

}
