#include "messaging/dispatch/dispatcher.hpp"

#include "messaging/dispatch/outbox.hpp"
#include "messaging/message_store.hpp"
#include "messaging/reports/report_store.hpp"
#include "messaging/phone_number.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

// The dispatcher asking Plivo what it has: lookups after an unanswered attempt (batched into one
// listing when many are due at once, as after a crash) and reconciliation of stale messages.
namespace mmsgate {

namespace {

using namespace dispatch;
// Plivo drops a message still queued after message_expiry (3 h by default): older ones are final.
constexpr Millis kPlivoQueueExpiry = 3 * 3600 * 1000 + 10 * 60 * 1000;

// The retry reason when our own side of the lookup cannot be read.
std::string database_unavailable(Error const& error) { return "database unavailable: " + error.message; }

Millis lookup_since(DispatchJob const& job)
{
    return job.request.first_attempt_at.value_or(job.request.created_at) - kLookupSlack;
}

// A request written just before a crash (or a timeout) may be read by Plivo late: a list without
// it proves it absent only once the attempt's request timeout has run, as a late answer would not
// have been waited for either (docs/decisions.md, entry 102).
Millis absence_provable_from(DispatchJob const& job, std::chrono::milliseconds request_timeout)
{
    return job.previous_attempt_at + request_timeout.count();
}

// Whether `snapshot` shows everything the job's lookup would: listed from early enough, and late
// enough after the job's previous attempt for Plivo's list to show what it took; once the job may
// prove absence (`now` is past the request timeout), late enough for that too.
template <class Snapshot>
bool answers_lookup(Snapshot const& snapshot, DispatchJob const& job, std::chrono::milliseconds request_timeout, Millis now)
{
    auto absence_from = absence_provable_from(job, request_timeout);
    auto needed_from = now >= absence_from ? absence_from : job.previous_attempt_at + kLookupDelay;
    return snapshot.since <= lookup_since(job) && snapshot.taken_at >= needed_from;
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

Awaitable<std::optional<DispatchOutcome>> Dispatcher::reconcile(DispatchJob& job, SnapshotPointer const& snapshot)
{
    // Plivo's list has no text or media, so a listed uuid proves which message it is only when the
    // match cannot be another one (docs/decisions.md, proof-based reconciliation). Plivo's own report
    // on an attempt's callback URL is the other proof; it is applied by the callback handler.
    auto since = lookup_since(job);
    auto sender = plivo_digits(job.request.sender);
    bool use_snapshot = snapshot && answers_lookup(*snapshot, job, m_settings.request_timeout, now_millis());
    auto absence_from = absence_provable_from(job, m_settings.request_timeout);
    std::vector<AdoptedMessage> adopted;
    std::vector<MessageRecord> without_trace;
    bool listed_too_early = false; // a message had no trace in a list taken before absence_from
    std::size_t undecided_of = 0; // the most unanswered messages among which a match was not clear
    for (auto const& message : job.pending_messages) {
        PlivoLookupResult found;
        Millis listed_at = use_snapshot ? snapshot->taken_at : now_millis();
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
            co_return co_await schedule_retry(job, true,
                "Plivo's list of messages was incomplete, so it cannot prove whether an unanswered attempt reached it",
                std::nullopt, found.http_status);
        // Our side: every message to this recipient from this sender that may be at Plivo unanswered.
        auto now = now_millis();
        auto unanswered = co_await m_database.read<std::vector<MessageRecord>>([&](SqlConnection& connection) {
            return unanswered_messages(connection, message.recipient, job.request.sender, since);
        });
        if (!unanswered)
            co_return co_await schedule_retry(job, true, database_unavailable(unanswered.error()), std::nullopt, 0);
        auto position = std::ranges::find(*unanswered, message.id, &MessageRecord::id);
        if (position == unanswered->end())
            continue; // a report on its attempt gave it its uuid meanwhile
        // Plivo's side: listed messages from this sender in the window whose uuid no message holds.
        std::vector<PlivoMessageSummary> unclaimed;
        for (auto const& candidate : found.messages) {
            if (candidate.from_digits != sender || candidate.time < since)
                continue;
            auto known = co_await m_database.read<bool>(
                [&](SqlConnection& connection) { return is_known_plivo_uuid(connection, candidate.uuid); });
            if (!known)
                co_return co_await schedule_retry(job, true, database_unavailable(known.error()), std::nullopt, 0);
            if (!*known)
                unclaimed.push_back(candidate);
        }
        std::ranges::sort(unclaimed, [](auto const& a, auto const& b) { return std::tie(a.time, a.uuid) < std::tie(b.time, b.uuid); });
        if (unclaimed.empty()) {
            if (listed_at < absence_from)
                listed_too_early = true;
            else
                without_trace.push_back(message); // Plivo has none of them: sending cannot duplicate anything
            continue;
        }
        // One for one, or as many as there are and so all of them sent: then pair in time order.
        // Pairing several needs every one of those attempts finished, or a late answer could claim a
        // uuid paired with another message.
        auto in_flight = co_await m_database.read<int>([&](SqlConnection& connection) {
            return unanswered_in_attempt(connection, *unanswered, job.request.id, now);
        });
        if (!in_flight)
            co_return co_await schedule_retry(job, true, database_unavailable(in_flight.error()), std::nullopt, 0);
        if (unclaimed.size() == unanswered->size() && (unanswered->size() == 1 || *in_flight == 0)) {
            auto const& match = unclaimed[std::size_t(position - unanswered->begin())];
            auto state = parse_message_state(match.state).value_or(MessageState::Queued);
            if (state == MessageState::Accepted || state == MessageState::Unknown)
                state = MessageState::Queued;
            adopted.push_back({ message.id, match.uuid, state });
        } else {
            undecided_of = std::max(undecided_of, unanswered->size());
        }
    }
    spdlog::info("request {}: lookup after an unanswered attempt: {} of {} message(s) proven at Plivo, {} without trace, "
                 "{} undecided",
        job.request.id, adopted.size(), job.pending_messages.size(), without_trace.size(),
        job.pending_messages.size() - adopted.size() - without_trace.size());
    if (!adopted.empty()) {
        auto now = now_millis();
        auto recorded = co_await m_database.write<std::vector<MessageRecord>>([&](SqlConnection& connection) {
            return record_accepted(connection, job.request.id, "", adopted, {}, "reconcile", now);
        });
        if (!recorded)
            co_return co_await schedule_retry(job, true, database_unavailable(recorded.error()), std::nullopt, 0);
        notify(*recorded);
        if (without_trace.empty() && undecided_of == 0 && !listed_too_early) {
            DispatchOutcome outcome;
            outcome.kind = DispatchOutcome::Kind::Accepted;
            outcome.http_status = 202;
            outcome.messages = std::move(*recorded);
            co_return outcome;
        }
    }
    if (undecided_of > 0)
        co_return co_await wait_for_proof(
            job, "could not tell which of " + std::to_string(undecided_of) + " messages Plivo has");
    if (listed_too_early)
        co_return co_await wait_for_proof(job,
            "no trace at Plivo yet of an attempt it may still be taking; looking again once its request timeout has run",
            absence_from);
    if (without_trace.empty()) {
        // Every message was settled by a report meanwhile: only the request's bookkeeping is left.
        co_return co_await finish(job, DispatchOutcome::Kind::Accepted, MessageState::Failed, {}, 0);
    }
    job.pending_messages = std::move(without_trace);
    co_return std::nullopt;
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
    auto now = now_millis();
    if (m_snapshot && std::ranges::all_of(jobs, [&](auto const& job) {
            return !job.previous_outcome_unknown || answers_lookup(*m_snapshot, job, m_settings.request_timeout, now);
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
