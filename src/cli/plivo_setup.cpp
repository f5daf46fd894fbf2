#include "cli/plivo_setup.hpp"

#include "core/url.hpp"
#include "plivo/http_client.hpp"
#include "plivo/plivo_wire.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace mmsgate {

namespace {

using nlohmann::json;

// One call at a time, waiting for the answer: a set-up tool, not a hot path.
class BlockingPlivo {
public:
    explicit BlockingPlivo(Config const& config)
        : m_account { config.plivo.api_url, config.plivo.auth_id, config.plivo.auth_token, {} }
        , m_http(settings_for(config))
    {
    }
    ~BlockingPlivo() { m_http.stop(); }

    Result<json> call(std::string method, std::string const& resource, json const* body = nullptr)
    {
        auto request = make_account_request(m_account, std::move(method), resource, body);
        net::io_context io;
        auto answer = net::co_spawn(io, m_http.request(std::move(request)), net::use_future);
        io.run();
        auto outcome = answer.get();
        if (!outcome)
            return fail(ErrorCode::Unavailable, "Plivo did not answer: " + outcome.error().message);
        auto parsed = json::parse(outcome->body, nullptr, false);
        if (outcome->status < 200 || outcome->status >= 300) {
            auto reason = parsed.is_object() ? parsed.value("error", outcome->body) : outcome->body;
            return fail(ErrorCode::Unavailable, fmt::format("{} {}: HTTP {} {}", request_method(body), resource, outcome->status, reason));
        }
        return parsed.is_discarded() ? json::object() : parsed;
    }

private:
    static HttpClientSettings settings_for(Config const& config)
    {
        HttpClientSettings settings;
        settings.ca_bundle = config.plivo.ca_bundle;
        return settings;
    }
    static char const* request_method(json const* body) { return body ? "POST" : "GET"; }

    PlivoAccount m_account;
    HttpClient m_http;
};

std::string digits_of(std::string const& number) { return number.starts_with('+') ? number.substr(1) : number; }

// The application named `name`, looked up page by page.
Result<json> find_application(BlockingPlivo& plivo, std::string const& name)
{
    for (int offset = 0;; offset += 20) {
        auto page = plivo.call("GET", fmt::format("Application/?limit=20&offset={}", offset));
        if (!page)
            return std::unexpected(std::move(page.error()));
        auto const& objects = (*page)["objects"];
        if (!objects.is_array())
            return json(nullptr);
        for (auto const& application : objects) {
            if (application.value("app_name", "") == name)
                return application;
        }
        if (objects.size() < 20 || !(*page)["meta"].value("next", json(nullptr)).is_string())
            return json(nullptr);
    }
}

Result<std::string> ensure_application(BlockingPlivo& plivo, PlivoSetupOptions const& options, std::string const& message_url,
    std::vector<std::string>& changes)
{
    auto found = find_application(plivo, options.app_name);
    if (!found)
        return std::unexpected(std::move(found.error()));
    if (found->is_null()) {
        json body = { { "app_name", options.app_name }, { "message_url", message_url }, { "message_method", "POST" } };
        auto created = plivo.call("POST", "Application/", &body);
        if (!created)
            return std::unexpected(std::move(created.error()));
        auto app_id = created->value("app_id", "");
        changes.push_back(fmt::format("created the Plivo application {} ({}) with message_url {} (POST)", options.app_name, app_id, message_url));
        return app_id;
    }
    auto app_id = found->value("app_id", "");
    auto current_url = found->value("message_url", "");
    auto current_method = found->value("message_method", "");
    if (current_url != message_url || current_method != "POST") {
        json body = { { "message_url", message_url }, { "message_method", "POST" } };
        auto updated = plivo.call("POST", "Application/" + app_id + "/", &body);
        if (!updated)
            return std::unexpected(std::move(updated.error()));
        changes.push_back(fmt::format("updated the Plivo application {} ({}): message_url {} ({}) -> {} (POST)", options.app_name,
            app_id, current_url.empty() ? "none" : current_url, current_method.empty() ? "-" : current_method, message_url));
    }
    return app_id;
}

Result<void> attach_number(BlockingPlivo& plivo, std::string const& number, std::string const& app_id, std::vector<std::string>& changes)
{
    auto resource = "Number/" + digits_of(number) + "/";
    auto current = plivo.call("GET", resource);
    if (!current)
        return std::unexpected(std::move(current.error()));
    auto application = (*current)["application"].is_string() ? (*current)["application"].get<std::string>() : std::string();
    if (application.ends_with("/Application/" + app_id + "/") || application == app_id)
        return {};
    json body = { { "app_id", app_id } };
    auto attached = plivo.call("POST", resource, &body);
    if (!attached)
        return std::unexpected(std::move(attached.error()));
    changes.push_back(fmt::format("attached {} to the application ({}); it was {}", number, app_id,
        application.empty() ? "attached to none" : "attached to " + application));
    return {};
}

}

int plivo_setup(Config const& config, PlivoSetupOptions const& options)
{
    if (config.sandbox) {
        std::cerr << "plivo setup needs PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN and PLIVO_SENDER_NUMBER (sandbox mode has no Plivo account)\n";
        return 1;
    }
    if (!config.public_url_explicit && !config.nextauth_url_explicit) {
        std::cerr << "plivo setup needs the public URL Plivo reaches this server at: set MMSGATE_PUBLIC_URL (or NEXTAUTH_URL)\n";
        return 1;
    }
    // Plivo would send every incoming message and its signatures in clear text over plain http.
    auto public_url = parse_http_url(config.public_url);
    if (!public_url || (public_url->scheme != "https" && !is_loopback_host(public_url->host))) {
        std::cerr << "plivo setup needs an https:// public URL (plain http only for a loopback host): " << config.public_url << "\n";
        return 1;
    }
    auto message_url = config.public_url + "/api/plivo/inbound";
    auto numbers = options.numbers.empty() ? std::vector<std::string> { config.plivo.sender_number } : options.numbers;
    BlockingPlivo plivo(config);
    std::vector<std::string> changes;
    auto app_id = ensure_application(plivo, options, message_url, changes);
    if (!app_id) {
        std::cerr << "plivo setup failed: " << app_id.error().message << "\n";
        return 1;
    }
    for (auto const& number : numbers) {
        if (auto attached = attach_number(plivo, number, *app_id, changes); !attached) {
            std::cerr << "plivo setup failed: " << attached.error().message << "\n";
            for (auto const& change : changes)
                std::cout << "changed: " << change << "\n";
            return 1;
        }
    }
    for (auto const& change : changes)
        std::cout << "changed: " << change << "\n";
    if (changes.empty())
        std::cout << fmt::format("no change needed: the application {} ({}) sends incoming messages of {} to {}\n", options.app_name,
            *app_id, fmt::join(numbers, ", "), message_url);
    return 0;
}

}
