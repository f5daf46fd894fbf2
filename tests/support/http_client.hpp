#pragma once
// A small blocking HTTP client for black-box tests (libcurl easy), with a cookie jar that behaves
// like a browser's for one origin: Set-Cookie stores, Max-Age=0 deletes, every request sends them.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mmsgate::testing {

struct HttpReply {
    long status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
    std::string error; // libcurl's message when no answer arrived

    [[nodiscard]] std::optional<std::string> header(std::string const& name) const;
    [[nodiscard]] std::vector<std::string> headers_named(std::string const& name) const;
    [[nodiscard]] nlohmann::json json() const;
};

class HttpClient {
public:
    explicit HttpClient(std::string base_url)
        : m_base_url(std::move(base_url))
    {
    }

    HttpReply get(std::string const& path, std::vector<std::string> headers = {});
    HttpReply post_json(std::string const& path, nlohmann::json const& body, std::vector<std::string> headers = {});
    HttpReply post_form(std::string const& path, std::map<std::string, std::string> const& fields, std::vector<std::string> headers = {});
    HttpReply request(std::string const& method, std::string const& path, std::string const& body,
        std::vector<std::string> headers, long timeout_ms = 30000);

    // NextAuth's flow as next-auth/react runs it: csrf, then the credentials callback with json=true.
    HttpReply login(std::string const& email, std::string const& password);
    [[nodiscard]] std::string csrf_token();

    std::map<std::string, std::string>& cookies() { return m_cookies; }
    [[nodiscard]] std::string const& base_url() const { return m_base_url; }

private:
    void remember_cookies(HttpReply const& reply);
    std::string m_base_url;
    std::map<std::string, std::string> m_cookies;
};

}
