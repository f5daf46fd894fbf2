#include "inbound/media_copier.hpp"

#include "http/response.hpp"
#include "inbound/inbound_repository.hpp"
#include "inbound/media_download.hpp"
#include "media/media_repository.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

constexpr int kClaimBatch = 4;

Millis retry_delay(MediaCopierSettings const& settings, int attempts)
{
    auto delay = settings.first_retry_delay.count();
    for (int i = 1; i < attempts && delay < 3'600'000; ++i)
        delay *= 2;
    return std::min<Millis>(delay, 3'600'000);
}

}

InboundMediaCopier::InboundMediaCopier(Database& database, std::shared_ptr<MessageFeed> feed, MediaCopierSettings settings)
    : m_database(database)
    , m_feed(std::move(feed))
    , m_settings(std::move(settings))
{
}

InboundMediaCopier::~InboundMediaCopier() { stop(); }

void InboundMediaCopier::start(bool release_all_leases)
{
    auto owner = release_all_leases ? std::nullopt : std::optional(m_settings.instance_id);
    auto released = m_database.write_blocking<bool>([&](SqlConnection& connection) -> Result<bool> {
        auto done = release_media_leases(connection, owner);
        if (!done)
            return std::unexpected(std::move(done.error()));
        return true;
    });
    if (!released)
        spdlog::warn("media copier: cannot release earlier leases: {}", released.error().detail);
    m_thread = std::thread([this] { run(); });
}

void InboundMediaCopier::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void InboundMediaCopier::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wakeup.notify_all();
}

void InboundMediaCopier::run()
{
    while (!m_stopped) {
        copy_due();
        std::unique_lock lock(m_mutex);
        m_wakeup.wait_for(lock, m_settings.poll_interval, [this] { return m_woken || m_stopped; });
        m_woken = false;
    }
}

void InboundMediaCopier::copy_due()
{
    for (;;) {
        auto now = now_millis();
        auto lease_until = now + m_settings.lease.count();
        auto jobs = m_database.write_blocking<std::vector<MediaCopyJob>>([&](SqlConnection& connection) {
            return claim_media_copies(connection, m_settings.instance_id, now, lease_until, kClaimBatch);
        });
        if (!jobs) {
            spdlog::warn("media copier: cannot claim work: {} ({})", jobs.error().message, jobs.error().detail);
            return;
        }
        if (jobs->empty())
            return;
        for (auto const& job : *jobs) {
            if (m_stopped)
                return;
            auto download = download_media(job.source_url, m_settings.media, m_settings.ca_bundle, m_stopped);
            if (m_stopped)
                return; // cut short: the lease lapses (or the next start releases it) and it is copied then
            MediaCopyOutcome outcome;
            std::optional<MediaRecord> stored;
            switch (download.outcome) {
            case MediaDownload::Outcome::Fetched:
                outcome.state = "stored";
                break;
            case MediaDownload::Outcome::Refused:
                outcome.state = "refused";
                break;
            case MediaDownload::Outcome::Failed:
                outcome.state = "failed";
                break;
            case MediaDownload::Outcome::RetryLater:
                outcome.state = job.attempts >= m_settings.max_attempts ? "failed" : "pending";
                outcome.next_attempt_at = now_millis() + retry_delay(m_settings, job.attempts);
                break;
            }
            if (!download.error.empty())
                outcome.error = download.error;
            auto recorded = m_database.write_blocking<bool>([&](SqlConnection& connection) -> Result<bool> {
                if (outcome.state == "stored") {
                    auto media = insert_media(connection, std::move(download.bytes), "inbound", now_millis());
                    if (!media)
                        return std::unexpected(std::move(media.error()));
                    outcome.media_id = media->id;
                    stored = std::move(*media);
                }
                return record_media_copy(connection, job, m_settings.instance_id, outcome);
            });
            if (!recorded) {
                spdlog::warn("media copier: cannot record media {} of {}: {}", job.position, job.inbound_message_id, recorded.error().detail);
                continue;
            }
            if (outcome.state != "stored")
                spdlog::warn("media copier: media {} of incoming message {}: {} ({})", job.position, job.inbound_message_id,
                    outcome.state, outcome.error.value_or(""));
            if (!*recorded || outcome.state == "pending")
                continue;
            nlohmann::json media = {
                { "conversationId", job.conversation_id },
                { "messageId", job.inbound_message_id },
                { "position", job.position },
                { "state", outcome.state },
                { "id", stored ? nlohmann::json(stored->id) : nlohmann::json(nullptr) },
                { "contentType", stored ? nlohmann::json(stored->content_type) : nlohmann::json(nullptr) },
                { "url", stored ? nlohmann::json("/api/media/" + stored->id) : nlohmann::json(nullptr) },
            };
            m_feed->publish_event({ "media", json_text(media) });
        }
    }
}

}
