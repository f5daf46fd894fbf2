// PlivoSimulator's incoming messages: what Plivo posts to an application's message_url when a
// number receives an SMS or MMS (../shared/docs/two-way-facts.md), signed like every callback, and
// the pictures of an incoming MMS, which the simulator serves itself.
#include "plivo/simulator/simulator.hpp"

#include "core/random.hpp"
#include "plivo/simulator/callbacks.hpp"
#include "plivo/simulator/simulator_responses.hpp"

#include <cctype>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

using simulator::json_response;
using nlohmann::json;

namespace {

// 1×1 pictures: enough for a receiver to sniff, store and show.
constexpr unsigned char kPng[] = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00,
    0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 };
constexpr unsigned char kGif[] = { 'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xFF, 0xFF, 0xFF, '!', 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, ',', 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00, 0x02, 0x02, 'D', 0x01, 0x00, ';' };
// A picture that is really a script: receivers must never serve it as a page.
constexpr char kSvg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";

std::string digits_of(std::string const& number) { return number.starts_with('+') ? number.substr(1) : number; }

SimulatorResponse control_error(int status, std::string const& error) { return json_response(status, { { "error", error } }); }

// Plivo's DND keywords: the whole message, case-insensitive (two-way-facts.md).
std::string dnd_keyword(std::string const& text)
{
    std::string word;
    for (char c : text) {
        if (!std::isspace(static_cast<unsigned char>(c)) || (!word.empty() && word.back() != ' '))
            word.push_back(std::isspace(static_cast<unsigned char>(c)) ? ' ' : char(std::toupper(static_cast<unsigned char>(c))));
    }
    while (!word.empty() && word.back() == ' ')
        word.pop_back();
    return word;
}

}

std::string PlivoSimulator::deliver_incoming(IncomingMessageSpec const& spec)
{
    auto uuid = random_uuid();
    auto media_urls = spec.media_urls;
    for (int i = 0; i < spec.media_count && media_urls.size() < 10; ++i)
        media_urls.push_back(fmt::format("{}/_sim/media/{}-{}.{}", spec.media_base_url, uuid, i, i % 2 == 0 ? "png" : "gif"));
    bool is_mms = !media_urls.empty();
    FormFields params = {
        { "From", digits_of(spec.from) },
        { "To", digits_of(spec.to) },
        { "Type", is_mms ? "mms" : "sms" },
        { is_mms ? "Body" : "Text", spec.text },
        { "MessageUUID", uuid },
        { "Units", "1" },
        { "TotalRate", is_mms ? "0.0080" : "0.0000" },
        { "TotalAmount", is_mms ? "0.0080" : "0.0000" },
        { "MessageIntent", spec.intent },
        { "PowerpackUUID", "" },
        { "MediaCount", std::to_string(media_urls.size()) },
    };
    if (is_mms)
        params.emplace_back("ErrorCode", "");
    for (std::size_t i = 0; i < media_urls.size(); ++i)
        params.emplace_back(fmt::format("Media{}", i + std::size_t(spec.media_index_base)), media_urls[i]);

    auto now = m_settings.clock();
    std::lock_guard lock(m_mutex);
    SimulatedMessage listed;
    listed.uuid = uuid;
    listed.from = digits_of(spec.from);
    listed.to = digits_of(spec.to);
    listed.type = is_mms ? "mms" : "sms";
    listed.queued_at = now;
    m_incoming.insert_or_assign(uuid, std::move(listed));
    auto keyword = dnd_keyword(spec.text);
    auto pair = digits_of(spec.to) + ">" + digits_of(spec.from);
    if (keyword == "STOP" || keyword == "END" || keyword == "QUIT" || keyword == "CANCEL" || keyword == "UNSUB" || keyword == "STOP ALL")
        m_opted_out_pairs.insert_or_assign(pair, 1);
    else if (keyword == "START" || keyword == "UNSTOP")
        m_opted_out_pairs.erase(pair);
    for (int delivery = 0; delivery < std::max(1, spec.deliveries); ++delivery) {
        OutgoingCallback callback;
        callback.message_uuid = uuid;
        callback.status = "incoming";
        callback.due = now + delivery * spec.delivery_interval.count();
        callback.params = params;
        callback.request = signed_callback_request(params, { spec.url, spec.method }, m_settings.auth_token);
        m_pending_callbacks.emplace(callback.due, std::move(callback));
    }
    return uuid;
}

SimulatorResponse PlivoSimulator::handle_incoming_control(SimulatorRequest const& request)
{
    auto body = json::parse(request.body.empty() ? std::string("{}") : request.body, nullptr, false);
    if (!body.is_object())
        return control_error(400, "expected a JSON object");
    IncomingMessageSpec spec;
    spec.url = body.value("url", "");
    spec.method = body.value("method", "POST");
    spec.from = body.value("from", "+14155550199");
    spec.to = body.value("to", "+14155550100");
    spec.text = body.value("text", "");
    spec.media_count = body.value("mediaCount", 0);
    if (body.contains("mediaUrls") && body["mediaUrls"].is_array()) {
        for (auto const& url : body["mediaUrls"])
            spec.media_urls.push_back(url.get<std::string>());
    }
    auto host = find_header(request.headers, "Host").value_or("127.0.0.1");
    spec.media_base_url = body.value("mediaBaseUrl", "http://" + host);
    spec.media_index_base = body.value("mediaIndexBase", 0);
    spec.deliveries = body.value("deliveries", 1);
    spec.delivery_interval = std::chrono::milliseconds(body.value("deliveryIntervalMs", 0));
    spec.intent = body.value("intent", "");
    if (spec.url.empty() || spec.media_count < 0 || spec.media_count > 10 || spec.deliveries < 1 || spec.deliveries > 10)
        return control_error(400, "url is required; mediaCount 0..10; deliveries 1..10");
    auto uuid = deliver_incoming(spec);
    return json_response(200, { { "messageUuid", uuid } });
}

SimulatorResponse PlivoSimulator::serve_media(std::string_view path)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_media_fetches[std::string(path)];
    }
    SimulatorResponse response;
    if (path.ends_with(".png")) {
        response.headers.emplace_back("Content-Type", "image/png");
        response.body.assign(reinterpret_cast<char const*>(kPng), sizeof kPng);
    } else if (path.ends_with(".gif")) {
        response.headers.emplace_back("Content-Type", "image/gif");
        response.body.assign(reinterpret_cast<char const*>(kGif), sizeof kGif);
    } else if (path.ends_with(".svg")) {
        // Claims to be a PNG, as a hostile sender would.
        response.headers.emplace_back("Content-Type", "image/png");
        response.body = kSvg;
    } else {
        return control_error(404, "no such media");
    }
    return response;
}

}
