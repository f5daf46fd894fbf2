#pragma once
// A faithful stand-in for Plivo's messaging API, independent of any HTTP server (the server feeds it
// requests and applies the delay / drop_connection of each response). Thread-safe.
//
//   /v1/Account/{auth_id}/Message/          POST send, GET list (filters, meta)
//   /v1/Account/{auth_id}/Message/{uuid}/   GET one message
//   /v1/Account/{auth_id}/Media/            POST multipart upload (parts named "file")
//   /v1/Account/{auth_id}/Media/{id}/       GET one media object
//   /_sim/messages   GET every accepted send request (exact JSON), DELETE resets messages and media
//   /_sim/faults     GET / POST (replace) / DELETE (reset) fault injection, see faults.hpp
//   /_sim/limits     GET / POST (replace) / DELETE (remove) Plivo's account API limits and what
//                    they saw, see account_limits.hpp
//   /v1/Account/{auth_id}/Application/[{app_id}/]   POST create / update, GET list / one
//   /v1/Account/{auth_id}/Number/{number}/          GET one (its application), POST app_id attaches
//   /_sim/inbound    POST {"url","from","to","text","mediaCount","mediaUrls","mediaIndexBase",
//                    "deliveries","deliveryIntervalMs","method","intent","mediaBaseUrl"}: delivers an
//                    incoming SMS/MMS to `url`, signed, `deliveries` times with one MessageUUID
//   /_sim/media/{name}.png|.gif   GET: the pictures of incoming MMS; /_sim/media-fetches counts them
//   /_sim/uploads    GET: every file uploaded to the Media API, with its bytes (base64), so tests can
//                    check what Plivo received; POST /_sim/uploads/expire ages every unused upload past
//                    Plivo's 6-hour limit (a message naming one then fails as on Plivo)
//   /_sim/applications   GET: every application and number attachment (tests)
// API paths need Basic auth with the simulator's credentials and a trailing slash; /_sim needs none.
// Accepted messages with a `url` produce signed status callbacks, pulled with take_due_callbacks().
#include "core/clock.hpp"
#include "plivo/simulator/account_limits.hpp"
#include "plivo/simulator/faults.hpp"
#include "plivo/simulator/simulated_message.hpp"
#include "plivo/simulator/simulator_types.hpp"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mmsgate {

struct SimulatorSettings {
    std::string auth_id = {};
    std::string auth_token = {};
    std::string media_base_url = "https://media.plivo.com";
    std::function<Millis()> clock = [] { return now_millis(); };
};

// An incoming SMS or MMS the simulator delivers to a message URL, as Plivo does.
struct IncomingMessageSpec {
    std::string url = {};
    std::string method = "POST";
    std::string from = {};
    std::string to = {};
    std::string text = {};
    int media_count = 0; // pictures the simulator serves itself under media_base_url/_sim/media/
    std::vector<std::string> media_urls = {}; // or these URLs (tests: a host that is not allowed)
    std::string media_base_url = {};
    int media_index_base = 0; // Media0… or Media1…: Plivo's docs disagree, mmsgate takes both
    int deliveries = 1; // the same MessageUUID this often, as Plivo's retries would send it
    std::chrono::milliseconds delivery_interval { 0 };
    std::string intent = {};
};

struct SimulatedApplication {
    std::string app_id = {};
    std::string app_name = {};
    std::string message_url = {};
    std::string message_method = "POST";
};

// One file Plivo's Media API took, as it was received.
struct UploadedFile {
    std::string media_id = {};
    std::string file_name = {};
    std::string content_type = {};
    std::string data = {};
    Millis uploaded_at = 0;
    bool used = false; // named by an accepted message: Plivo keeps it (a year)
};

// Plivo deletes an upload no message used after this long.
inline constexpr Millis kUnusedMediaLifetime = 6 * 3600 * 1000;

// One accepted POST .../Message/.
struct RecordedMessage {
    std::string api_id = {};
    Millis received_at = 0;
    std::string request_body = {}; // exactly as received
    std::vector<std::string> message_uuids = {};
    std::vector<std::string> invalid_numbers = {};
    bool connection_dropped = false; // drop_after_read: the client never saw the answer
};

class PlivoSimulator {
public:
    explicit PlivoSimulator(SimulatorSettings settings);

    [[nodiscard]] SimulatorResponse handle(SimulatorRequest const& request);

    // Removes and returns the callbacks due at or before `now`, earliest first.
    [[nodiscard]] std::vector<OutgoingCallback> take_due_callbacks(Millis now);
    [[nodiscard]] std::optional<Millis> next_callback_due() const;
    // Puts a callback back (a failed delivery to retry at callback.due).
    void requeue_callback(OutgoingCallback callback);

    [[nodiscard]] std::vector<RecordedMessage> recorded_messages() const;
    // Every file uploaded to the Media API, oldest first.
    [[nodiscard]] std::vector<UploadedFile> uploaded_files() const;
    // Every upload no message used is now older than Plivo keeps unused uploads.
    void expire_unused_media();
    [[nodiscard]] FaultSettings faults() const;
    void set_faults(FaultSettings faults);
    // Forgets messages, media and pending callbacks (not the faults).
    void reset();

    [[nodiscard]] SimulatorSettings const& settings() const { return m_settings; }

    // Queues the deliveries of an incoming message (sent by the CallbackSender); returns its MessageUUID.
    std::string deliver_incoming(IncomingMessageSpec const& spec);

private:
    struct StoredMedia {
        std::string media_id = {};
        std::string file_name = {};
        std::string content_type = {};
        std::size_t size = 0;
        Millis uploaded_at = 0;
        std::string data = {};
        bool used = false;
        std::size_t order = 0; // upload order
    };
    [[nodiscard]] bool media_usable_locked(std::string const& media_id) const;

    SimulatorResponse handle_control(SimulatorRequest const& request, std::string_view path);
    SimulatorResponse handle_api(SimulatorRequest const& request, std::string_view path, std::string_view query);
    // The *_locked functions run with m_mutex held.
    SimulatorResponse send_message_locked(SimulatorRequest const& request);
    SimulatorResponse get_message_locked(std::string const& uuid);
    SimulatorResponse list_messages_locked(std::string_view query);
    SimulatorResponse upload_media_locked(SimulatorRequest const& request);
    SimulatorResponse get_media_locked(std::string const& media_id);
    [[nodiscard]] nlohmann::json media_object_locked(StoredMedia const& media) const;
    SimulatorResponse handle_incoming_control(SimulatorRequest const& request);
    SimulatorResponse serve_media(std::string_view path);
    SimulatorResponse applications_locked(SimulatorRequest const& request, std::vector<std::string> const& segments);
    SimulatorResponse numbers_locked(SimulatorRequest const& request, std::vector<std::string> const& segments);
    [[nodiscard]] nlohmann::json application_json_locked(SimulatedApplication const& application) const;
    [[nodiscard]] bool authorized(SimulatorRequest const& request, std::string_view account) const;

    SimulatorSettings m_settings;
    mutable std::mutex m_mutex;
    FaultSettings m_faults;
    std::vector<RecordedMessage> m_recorded;
    std::vector<SimulatedMessage> m_messages; // in creation order
    std::unordered_map<std::string, std::size_t> m_message_index;
    std::unordered_map<std::string, SimulatedMessage> m_incoming; // delivered incoming messages, for Get Message
    std::unordered_map<std::string, StoredMedia> m_media;
    std::multimap<Millis, OutgoingCallback> m_pending_callbacks;
    std::vector<SimulatedApplication> m_applications;
    std::map<std::string, std::string> m_number_applications; // number digits -> app_id
    std::map<std::string, int> m_media_fetches; // path -> how often it was fetched
    std::shared_ptr<AccountLimits> m_account_limits = std::make_shared<AccountLimits>();
};

}
