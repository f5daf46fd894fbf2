#pragma once
// Copies the media of incoming MMS into mmsgate_media in the background, after Plivo got its
// answer. Rows are claimed with a lease (like the dispatcher's send requests), so instances on one
// PostgreSQL database share the work and a dead instance's claims are taken over when they run
// out; a copy's bytes and its row's new state are committed together. A host that fails is tried again later (1 min, doubling, up to 8 attempts); a URL that is
// not allowed is refused and never fetched. Each stored file is announced on the live feed
// ("media" event). Runs on a thread of its own (downloads block).
#include "config/config.hpp"
#include "messaging/message_feed.hpp"
#include "store/database.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace mmsgate {

struct MediaCopierSettings {
    InboundMediaSettings media;
    std::string ca_bundle;
    std::string instance_id;
    std::chrono::milliseconds poll_interval { 5000 }; // besides wake()
    std::chrono::milliseconds lease { 120000 }; // raised to one download's timeout + 1 min when shorter
    int max_attempts = 8;
    std::chrono::milliseconds first_retry_delay { 60000 };
};

class InboundMediaCopier {
public:
    InboundMediaCopier(Database& database, std::shared_ptr<MessageFeed> feed, MediaCopierSettings settings);
    ~InboundMediaCopier();
    // `release_all_leases`: SQLite (the only process on its file) takes back every lease at start.
    void start(bool release_all_leases);
    void stop();
    // New media are waiting: look now rather than at the next poll.
    void wake();

private:
    void run();
    void copy_due();

    Database& m_database;
    std::shared_ptr<MessageFeed> m_feed;
    MediaCopierSettings m_settings;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_woken = false;
    std::atomic<bool> m_stopped { false };
};

}
