#include "inbound/media_copier.hpp"

#include "http/response.hpp"
#include "inbound/inbound_repository.hpp"
#include "inbound/media_download.hpp"
#include "media/media_repository.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

// One job per claim: the lease then only has to outlast one download (see lease_for).
constexpr int kClaimBatch = 1;

// A lease shorter than a download would let another instance claim a copy still in progress.
std::chrono::milliseconds lease_for(MediaCopierSettings const& settings)
{
    return std::max(settings.lease, settings.media.timeout * kClaimBatch + std::chrono::milliseconds(60000));
}

// Why storing `size` more bytes for this message is refused, or nothing: the message's media
// together stay under the per-file limit (Plivo: under 7 MB in all), all media under the quota.
// Bytes stored before (same sha256) take no new space but still count for their message.
Result<std::optional<std::string>> quota_refusal(
    SqlConnection& connection, MediaCopyJob const& job, std::size_t size, InboundMediaSettings const& settings)
{
    auto message_bytes = stored_media_bytes_of(connection, job.inbound_message_id);
    if (!message_bytes)
        return std::unexpected(std::move(message_bytes.error()));
    if (std::size_t(*message_bytes) + size > settings.max_file_bytes)
        return std::optional(fmt::format("the message's media exceed {} bytes in all (MMSGATE_INBOUND_MEDIA_MAX_BYTES)", settings.max_file_bytes));
    auto total = total_media_bytes(connection);
    if (!total)
        return std::unexpected(std::move(total.error()));
    if (settings.max_total_bytes > 0 && *total + std::int64_t(size) > settings.max_total_bytes)
        return std::optional(fmt::format("media storage is full ({} bytes, MMSGATE_MEDIA_MAX_TOTAL_BYTES)", settings.max_total_bytes));
    return std::optional<std::string> {};
}

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
        auto lease_until = now + lease_for(m_settings).count();
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
                    auto refusal = quota_refusal(connection, job, download.bytes.size(), m_settings.media);
                    if (!refusal)
                        return std::unexpected(std::move(refusal.error()));
                    if (*refusal) {
                        outcome.state = "refused";
                        outcome.error = std::move(*refusal);
                    }
                }
                if (outcome.state == "stored") {
                    auto media = insert_media(connection, std::move(download.bytes), "inbound", now_millis());
                    if (!media)
                        return std::unexpected(std::move(media.error()));
                    outcome.media_id = media->media.id;
                    stored = std::move(media->media);
                }
                auto marked = record_media_copy(connection, job, m_settings.instance_id, outcome);
                if (marked && !*marked)
                    return fail(ErrorCode::Conflict, "the claim passed to another instance"); // undoes the stored media
                return marked;
            });
            if (!recorded && recorded.error().code == ErrorCode::Conflict) {
                spdlog::info("media copier: media {} of {} was taken over by another instance", job.position, job.inbound_message_id);
                continue;
            }
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
