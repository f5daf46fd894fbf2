#pragma once
// Internal to the plivo library (detail/ is not for other modules): one libcurl easy handle with the
// request it sends and the response it collects. It includes curl.h, so only http_client.cpp and the
// tests of the failure rule include it.
#include "plivo/http_client.hpp"

#include <curl/curl.h>

namespace mmsgate {

// The rule documented in http_client.hpp, as a pure function of what libcurl reports.
[[nodiscard]] TransportFailureKind classify_transport_failure(CURLcode code, curl_off_t pretransfer_micros);

class CurlTransfer {
public:
    CurlTransfer(HttpRequest request, HttpClient::Completion completion);
    ~CurlTransfer();
    CurlTransfer(CurlTransfer const&) = delete;
    CurlTransfer& operator=(CurlTransfer const&) = delete;

    // Creates and configures the easy handle; false (with `error`) if libcurl refused an option.
    [[nodiscard]] bool prepare(HttpClientSettings const& settings, CURLSH* share, std::string& error);
    [[nodiscard]] CURL* handle() const { return m_handle; }

    // The transfer ended with `code`: hands the response or the classified failure to the completion.
    void finish(CURLcode code);
    // Ends the transfer without a libcurl result (client stopped): classified from how far it got.
    void abandon(std::string const& reason);
    void fail(TransportFailure failure);

private:
    static size_t on_body(char* data, size_t size, size_t count, void* self);
    static size_t on_header(char* data, size_t size, size_t count, void* self);
    [[nodiscard]] curl_off_t pretransfer_micros() const;

    HttpRequest m_request;
    HttpClient::Completion m_completion;
    CURL* m_handle = nullptr;
    curl_slist* m_header_list = nullptr;
    curl_slist* m_connect_to = nullptr;
    HttpResponse m_response;
    std::size_t m_max_response_bytes = 0;
    char m_error[CURL_ERROR_SIZE] = {};
};

}
