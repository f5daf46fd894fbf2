#include "support/http_client.hpp"

#include "support/http_recording.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace mmsgate::testing {

namespace {

std::string lower(std::string text)
{
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string trim(std::string text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
    auto start = text.find_first_not_of(" \t");
    return start == std::string::npos ? std::string() : text.substr(start);
}

size_t on_body(char* data, size_t size, size_t count, void* target)
{
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* target)
{
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (colon != std::string::npos)
        static_cast<HttpReply*>(target)->headers.emplace_back(lower(line.substr(0, colon)), trim(line.substr(colon + 1)));
    return size * count;
}

std::string form_encode(std::map<std::string, std::string> const& fields)
{
    std::string out;
    for (auto const& [name, value] : fields) {
        char* name_escaped = curl_easy_escape(nullptr, name.c_str(), int(name.size()));
        char* value_escaped = curl_easy_escape(nullptr, value.c_str(), int(value.size()));
        if (!out.empty())
            out += '&';
        out += std::string(name_escaped) + "=" + value_escaped;
        curl_free(name_escaped);
        curl_free(value_escaped);
    }
    return out;
}

}

std::optional<std::string> HttpReply::header(std::string const& name) const
{
    for (auto const& [key, value] : headers) {
        if (key == lower(name))
            return value;
    }
    return std::nullopt;
}

std::vector<std::string> HttpReply::headers_named(std::string const& name) const
{
    std::vector<std::string> values;
    for (auto const& [key, value] : headers) {
        if (key == lower(name))
            values.push_back(value);
    }
    return values;
}

nlohmann::json HttpReply::json() const { return nlohmann::json::parse(body, nullptr, false); }

HttpReply HttpClient::get(std::string const& path, std::vector<std::string> headers)
{
    return request("GET", path, "", std::move(headers));
}

HttpReply HttpClient::post_json(std::string const& path, nlohmann::json const& body, std::vector<std::string> headers)
{
    headers.push_back("Content-Type: application/json");
    return request("POST", path, body.dump(), std::move(headers));
}

HttpReply HttpClient::post_form(std::string const& path, std::map<std::string, std::string> const& fields, std::vector<std::string> headers)
{
    headers.push_back("Content-Type: application/x-www-form-urlencoded");
    return request("POST", path, form_encode(fields), std::move(headers));
}

HttpReply HttpClient::request(std::string const& method, std::string const& path, std::string const& body,
    std::vector<std::string> headers, long timeout_ms)
{
    HttpReply reply;
    CURL* curl = curl_easy_init();
    auto url = path.starts_with("http") ? path : m_base_url + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
    if (method == "HEAD")
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (!body.empty() || method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    }
    std::string cookie_header;
    for (auto const& [name, value] : m_cookies)
        cookie_header += (cookie_header.empty() ? "" : "; ") + name + "=" + value;
    curl_slist* list = nullptr;
    if (!cookie_header.empty())
        list = curl_slist_append(list, ("Cookie: " + cookie_header).c_str());
    list = curl_slist_append(list, "Expect:");
    for (auto const& header : headers)
        list = curl_slist_append(list, header.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply);
    auto code = curl_easy_perform(curl);
    if (code == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    else
        reply.error = curl_easy_strerror(code);
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    remember_cookies(reply);
    record_exchange(method, url, reply);
    return reply;
}

void HttpClient::remember_cookies(HttpReply const& reply)
{
    for (auto const& value : reply.headers_named("set-cookie")) {
        auto first = value.substr(0, value.find(';'));
        auto equals = first.find('=');
        if (equals == std::string::npos)
            continue;
        auto name = trim(first.substr(0, equals));
        auto content = first.substr(equals + 1);
        if (lower(value).find("max-age=0") != std::string::npos)
            m_cookies.erase(name);
        else
            m_cookies[name] = content;
    }
}

std::string HttpClient::csrf_token()
{
    auto reply = get("/api/auth/csrf");
    return reply.json().value("csrfToken", "");
}

HttpReply HttpClient::login(std::string const& email, std::string const& password)
{
    auto token = csrf_token();
    return post_form("/api/auth/callback/credentials",
        { { "email", email }, { "password", password }, { "csrfToken", token }, { "callbackUrl", m_base_url + "/send-mms" },
            { "json", "true" }, { "redirect", "false" } });
}

}
