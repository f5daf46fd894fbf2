#include "plivo/http_client.hpp"

#include "plivo/detail/curl_transfer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace mmsgate {

std::optional<std::string> find_header(HttpHeaders const& headers, std::string_view name)
{
    auto equal = [](std::string_view a, std::string_view b) {
        return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
    };
    for (auto const& [key, value] : headers) {
        if (equal(key, name))
            return value;
    }
    return std::nullopt;
}

char const* to_string(TransportFailureKind kind)
{
    return kind == TransportFailureKind::NeverSent ? "never sent" : "outcome unknown";
}

class HttpClient::Worker {
public:
    explicit Worker(HttpClientSettings settings);
    ~Worker() { stop(); }

    void submit(HttpRequest request, Completion completion);
    void stop();
    [[nodiscard]] HttpClientSettings const& settings() const { return m_settings; }

private:
    void run();
    void start_incoming();
    void collect_finished();
    void fail_everything();

    HttpClientSettings m_settings;
    CURLM* m_multi = nullptr;
    CURLSH* m_share = nullptr;
    std::mutex m_mutex;
    bool m_stopping = false; // guarded by m_mutex
    std::vector<std::unique_ptr<CurlTransfer>> m_incoming; // guarded by m_mutex
    // Owned by the worker thread only.
    std::unordered_map<CURL*, std::unique_ptr<CurlTransfer>> m_active;
    std::thread m_thread;
};

HttpClient::Worker::Worker(HttpClientSettings settings)
    : m_settings(std::move(settings))
{
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    m_share = curl_share_init();
    // Only the worker thread uses the share, so it needs no lock callbacks.
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, m_settings.max_host_connections);
    curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, m_settings.max_total_connections);
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
    m_thread = std::thread([this] { run(); });
}

void HttpClient::Worker::submit(HttpRequest request, Completion completion)
{
    auto transfer = std::make_unique<CurlTransfer>(std::move(request), std::move(completion));
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_incoming.push_back(std::move(transfer));
            // Under the lock, so the multi handle cannot be cleaned up in between.
            curl_multi_wakeup(m_multi);
            return;
        }
    }
    transfer->fail({ TransportFailureKind::NeverSent, "HTTP client stopped" });
}

void HttpClient::Worker::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
        curl_multi_wakeup(m_multi);
    }
    if (m_thread.joinable())
        m_thread.join();
    curl_multi_cleanup(m_multi);
    curl_share_cleanup(m_share);
    m_multi = nullptr;
    m_share = nullptr;
}

void HttpClient::Worker::run()
{
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
        }
        start_incoming();
        int running = 0;
        if (auto code = curl_multi_perform(m_multi, &running); code != CURLM_OK)
            spdlog::error("curl_multi_perform: {}", curl_multi_strerror(code));
        collect_finished();
        // Returns early on curl_multi_wakeup or when libcurl's own timers are due.
        curl_multi_poll(m_multi, nullptr, 0, 1000, nullptr);
    }
    fail_everything();
}

void HttpClient::Worker::start_incoming()
{
    std::vector<std::unique_ptr<CurlTransfer>> incoming;
    {
        std::lock_guard lock(m_mutex);
        incoming.swap(m_incoming);
    }
    for (auto& transfer : incoming) {
        std::string error;
        if (!transfer->prepare(m_settings, m_share, error)) {
            transfer->fail({ TransportFailureKind::NeverSent, error });
            continue;
        }
        if (auto code = curl_multi_add_handle(m_multi, transfer->handle()); code != CURLM_OK) {
            transfer->fail({ TransportFailureKind::NeverSent, curl_multi_strerror(code) });
            continue;
        }
        auto* handle = transfer->handle();
        m_active.emplace(handle, std::move(transfer));
    }
}

void HttpClient::Worker::collect_finished()
{
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        auto found = m_active.find(message->easy_handle);
        if (found == m_active.end())
            continue;
        auto transfer = std::move(found->second);
        m_active.erase(found);
        auto result = message->data.result; // `message` is invalid after remove_handle
        curl_multi_remove_handle(m_multi, transfer->handle());
        transfer->finish(result);
    }
}

void HttpClient::Worker::fail_everything()
{
    for (auto& [handle, transfer] : m_active) {
        transfer->abandon("HTTP client stopped");
        curl_multi_remove_handle(m_multi, handle);
    }
    m_active.clear();
    std::vector<std::unique_ptr<CurlTransfer>> incoming;
    {
        std::lock_guard lock(m_mutex);
        incoming.swap(m_incoming);
    }
    for (auto& transfer : incoming)
        transfer->fail({ TransportFailureKind::NeverSent, "HTTP client stopped" });
}

HttpClient::HttpClient(HttpClientSettings settings)
    : m_worker(std::make_unique<Worker>(std::move(settings)))
{
}

HttpClient::~HttpClient() = default;

void HttpClient::submit(HttpRequest request, Completion completion)
{
    m_worker->submit(std::move(request), std::move(completion));
}

void HttpClient::stop() { m_worker->stop(); }

HttpClientSettings const& HttpClient::settings() const { return m_worker->settings(); }

Awaitable<HttpOutcome> HttpClient::request(HttpRequest request)
{
    auto initiate = [this](auto handler, HttpRequest request) {
        // The tracked executor keeps the awaiting io_context running while the transfer is in flight.
        auto executor = net::prefer(net::get_associated_executor(handler), net::execution::outstanding_work.tracked);
        submit(std::move(request), [executor, handler = std::move(handler)](HttpOutcome outcome) mutable {
            net::post(executor, [handler = std::move(handler), outcome = std::move(outcome)]() mutable {
                std::move(handler)(std::move(outcome));
            });
        });
    };
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(HttpOutcome)>(
        std::move(initiate), net::use_awaitable, std::move(request));
}

}
