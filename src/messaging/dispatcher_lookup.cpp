#include "messaging/dispatcher.hpp"

#include "messaging/message_repository.hpp"
#include "messaging/phone_number.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <set>

// The dispatcher asking Plivo what it has: lookups after an unanswered attempt (batched into one
// listing when many are due at once, as after a crash) and reconciliation of stale messages.
namespace mmsgate {

namespace {

using namespace dispatch;
// Plivo drops a message still queued after message_expiry (3 h by default): older ones are final.
constexpr Millis kPlivoQueueExpiry = 3 * 3600 * 1000 + 10 * 60 * 1000;

Millis lookup_since(DispatchJob const& job)
{
    return job.request.first_attempt_at.value_or(job.request.created_at) - kLookupSlack;
}

// Whether `snapshot` shows everything the job's lookup would: listed from early enough, and late
// enough after the job's previous attempt for Plivo's list to show what it took.
template <class Snapshot>
bool answers_lookup(Snapshot const& snapshot, DispatchJob const& job)
{
    return snapshot.since <= lookup_since(job) && snapshot.taken_at >= job.previous_attempt_at + kLookupDelay;
}

}

Awaitable<void> Dispatcher::reconcile_loop()
{
    // Look at least as often as the threshold, so a lost report is noticed soon after it is due.
    auto interval = std::min<std::chrono::milliseconds>(m_settings.reconcile_after / 2, std::chrono::seconds(30));
    net::steady_timer timer(m_io);
    while (!m_stopping) {
        timer.expires_after(std::max(interval, std::chrono::milliseconds(500)));
        boost::system::error_code ignored;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ignored));
        if (!m_stopping)
            co_await reconcile_stale_messages();
    }
}

Awaitable<void> Dispatcher::reconcile_stale_messages()
{
    auto now = now_millis();
    auto threshold = std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.reconcile_after).count();
    auto before = now - threshold;
    auto after = now - kPlivoQueueExpiry;
    auto stale = co_await m_database.read<std::vector<MessageRecord>>(
        [&](SqlConnection& connection) { return stale_messages(connection, before, after, kClaimBatch); });
    if (!stale) {
        spdlog::warn("cannot look for stale messages: {}", stale.error().message);
        co_return;
    }
    for (auto const& message : *stale) {
        PlivoLookupResult found;
        {
            co_await m_limiter.acquire();
            RateLimitPermit permit(m_limiter);
            found = co_await m_plivo.get(*message.plivo_uuid);
        }
        if (found.outcome != PlivoCallOutcome::Accepted || found.messages.empty())
            continue;
        auto const& plivo = found.messages.front();
        StatusUpdate update;
        update.plivo_uuid = *message.plivo_uuid;
        update.state = parse_message_state(plivo.state).value_or(message.state);
        update.error_code = plivo.error_code && *plivo.error_code != 0 ? plivo.error_code : std::nullopt;
        update.units = plivo.units;
        update.total_rate = plivo.total_rate;
        update.total_amount = plivo.total_amount;
        update.source = "reconcile";
        update.detail = "looked up with Plivo's Get Message API: no report had arrived";
        auto applied_at = now_millis();
        auto applied = co_await m_database.write<StatusApplication>(
            [&](SqlConnection& connection) { return apply_status_update(connection, update, applied_at); });
        if (applied && applied->changed)
            notify({ applied->message });
        else if (applied)
            (void)co_await m_database.write<void>(
                [&](SqlConnection& connection) { return touch_message(connection, message.id, applied_at); });
    }
}

Awaitable<DispatchOutcome> Dispatcher::reconcile(DispatchJob& job, SnapshotPointer const& snapshot)
{
    auto since = lookup_since(job);
    auto sender = plivo_digits(job.request.sender);
    bool use_snapshot = snapshot && answers_lookup(*snapshot, job);
    std::set<std::string> taken;
    std::vector<AdoptedMessage> adopted;
    std::vector<MessageRecord> still_pending;
    for (auto const& message : job.pending_messages) {
        PlivoLookupResult found;
        if (use_snapshot) {
            found.outcome = PlivoCallOutcome::Accepted;
            for (auto const& candidate : snapshot->messages) {
                if (candidate.to_digits == plivo_digits(message.recipient))
                    found.messages.push_back(candidate);
            }
        } else {
            co_await m_limiter.acquire();
            RateLimitPermit permit(m_limiter);
            if (!lease_outlasts_call(job))
                co_return lease_ran_out(job);
            found = co_await m_plivo.find_sent(plivo_digits(message.recipient), since);
        }
        if (found.outcome != PlivoCallOutcome::Accepted)
            co_return co_await schedule_retry(job, true, "Plivo could not be asked about an unanswered attempt: " + found.error,
                found.retry_after_seconds, found.http_status);
        // Not finding the message in a partial list proves nothing: never resend on it.
        if (!found.complete)
            co_return co_await schedule_retry(job, true, "Plivo listed too many messages to check an unanswered attempt",
                std::nullopt, found.http_status);
        std::optional<PlivoMessageSummary> match;
        for (auto const& candidate : found.messages) {
            if (candidate.from_digits != sender || candidate.time < since || taken.contains(candidate.uuid))
                continue;
            auto known = co_await m_database.read<bool>(
                [&](SqlConnection& connection) { return is_known_plivo_uuid(connection, candidate.uuid); });
            if (!known)
                co_return co_await schedule_retry(job, true, "database unavailable: " + known.error().message, std::nullopt, 0);
            if (!*known) {
                match = candidate;
                break;
            }
        }
        if (match) {
            taken.insert(match->uuid);
            auto state = parse_message_state(match->state).value_or(MessageState::Queued);
            if (state == MessageState::Accepted || state == MessageState::Unknown)
                state = MessageState::Queued;
            adopted.push_back({ message.id, match->uuid, state });
        } else {
            still_pending.push_back(message);
        }
    }
    spdlog::info("request {}: lookup after an unanswered attempt found {} of {} message(s) at Plivo", job.request.id,
        adopted.size(), job.pending_messages.size());
    if (!adopted.empty()) {
        auto now = now_millis();
        auto recorded = co_await m_database.write<std::vector<MessageRecord>>([&](SqlConnection& connection) {
            return record_accepted(connection, job.request.id, "", adopted, {}, "reconcile", now);
        });
        if (!recorded)
            co_return co_await schedule_retry(job, true, "database unavailable: " + recorded.error().message, std::nullopt, 0);
        notify(*recorded);
        if (still_pending.empty()) {
            DispatchOutcome outcome;
            outcome.kind = DispatchOutcome::Kind::Accepted;
            outcome.http_status = 202;
            outcome.messages = std::move(*recorded);
            co_return outcome;
        }
    }
    // Plivo has no trace of these: sending them now cannot duplicate anything.
    job.pending_messages = std::move(still_pending);
    co_return co_await send(job);
}


Awaitable<Dispatcher::SnapshotPointer> Dispatcher::snapshot_for(std::vector<DispatchJob> const& jobs)
{
    // Below this many lookups in one claim, asking per recipient costs no more than listing.
    constexpr int kSnapshotThreshold = 8;
    int lookups = 0;
    Millis since = std::numeric_limits<Millis>::max();
    Millis latest_attempt = 0;
    for (auto const& job : jobs) {
        if (!job.previous_outcome_unknown)
            continue;
        ++lookups;
        since = std::min(since, lookup_since(job));
        latest_attempt = std::max(latest_attempt, job.previous_attempt_at);
    }
    if (lookups < kSnapshotThreshold)
        co_return nullptr;
    if (m_snapshot && std::ranges::all_of(jobs, [&](auto const& job) {
            return !job.previous_outcome_unknown || answers_lookup(*m_snapshot, job);
        }))
        co_return m_snapshot;
    auto taken_at = now_millis();
    if (taken_at < latest_attempt + kLookupDelay)
        co_return nullptr;
    PlivoLookupResult found;
    {
        co_await m_limiter.acquire();
        RateLimitPermit permit(m_limiter);
        found = co_await m_plivo.find_sent("", since);
    }
    if (found.outcome != PlivoCallOutcome::Accepted || !found.complete) {
        spdlog::info("cannot list Plivo's messages for {} lookups at once ({}); asking per recipient", lookups,
            found.complete ? found.error : "too many");
        co_return nullptr;
    }
    spdlog::info("listed {} message(s) at Plivo for {} lookup(s) at once", found.messages.size(), lookups);
    m_snapshot = std::make_shared<SentSnapshot const>(SentSnapshot { since, taken_at, std::move(found.messages) });
    co_return m_snapshot;
}

}
