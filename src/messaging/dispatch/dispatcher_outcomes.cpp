#include "messaging/dispatch/dispatcher.hpp"

#include "messaging/dispatch/outbox.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

// How the dispatcher records what became of an attempt (a retry, a final state, a wait for proof)
// and tells the listeners. Sending (dispatcher.cpp) and looking Plivo up (dispatcher_lookup.cpp)
// both end here; nothing here calls back into them.
namespace mmsgate {

namespace {

using namespace dispatch;

}

Millis retry_delay(int attempts, std::optional<int> retry_after_seconds, std::chrono::milliseconds first,
    std::chrono::milliseconds longest)
{
    thread_local std::mt19937 generator { std::random_device {}() };
    auto exponent = std::clamp(attempts - 1, 0, 20);
    double base = std::min(double(first.count()) * double(1 << exponent), double(longest.count()));
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    auto delay = Millis(base * jitter(generator));
    if (retry_after_seconds)
        delay = std::max(delay, Millis(*retry_after_seconds) * 1000);
    return delay;
}

bool Dispatcher::lease_outlasts_call(DispatchJob const& job) const
{
    auto call = (m_settings.connect_timeout + m_settings.request_timeout).count();
    return now_millis() + call < job.lease_until;
}

DispatchOutcome Dispatcher::lease_ran_out(DispatchJob const& job) const
{
    // Calling Plivo now could race the instance that takes the request over when the lease ends
    // (a duplicate send). Leave it: whoever claims it next looks Plivo up first, then sends.
    spdlog::warn("request {}: waited too long for a Plivo slot; it is retried when its lease ends", job.request.id);
    DispatchOutcome outcome;
    outcome.kind = DispatchOutcome::Kind::Pending;
    outcome.messages = job.pending_messages;
    return outcome;
}

Awaitable<DispatchOutcome> Dispatcher::schedule_retry(DispatchJob& job, bool outcome_unknown, std::string reason,
    std::optional<int> retry_after_seconds, int http_status)
{
    auto now = now_millis();
    auto backoff = retry_delay(
        job.request.attempts, retry_after_seconds, m_settings.retry_first_delay, m_settings.retry_longest_delay);
    auto next = now + (outcome_unknown && !retry_after_seconds ? kLookupDelay : backoff);
    if (next > job.request.deadline_at) {
        if (outcome_unknown)
            co_return co_await finish(job, DispatchOutcome::Kind::Unknown, MessageState::Unknown,
                "Plivo's answer was lost and it could not be asked before the retry deadline: " + reason, http_status);
        co_return co_await finish(job, DispatchOutcome::Kind::Failed, MessageState::Failed,
            "Gave up after " + std::to_string(job.request.attempts) + " attempt(s): " + reason, http_status);
    }
    spdlog::warn("request {}: attempt {} {} ({}); next try in {} ms", job.request.id, job.request.attempts,
        outcome_unknown ? "has an unknown outcome" : "did not reach Plivo", reason, next - now);
    auto saved = co_await m_database.write<void>([&](SqlConnection& connection) {
        return record_retry(connection, job.request.id, next, outcome_unknown, reason, now);
    });
    if (!saved)
        spdlog::error("request {}: cannot record the retry ({}); the lease will expire and it is looked up then",
            job.request.id, saved.error().message);
    DispatchOutcome outcome;
    outcome.kind = outcome_unknown ? DispatchOutcome::Kind::Checking : DispatchOutcome::Kind::Retrying;
    outcome.http_status = http_status;
    outcome.error = reason;
    outcome.messages = job.pending_messages;
    co_return outcome;
}

Awaitable<DispatchOutcome> Dispatcher::finish(
    DispatchJob& job, DispatchOutcome::Kind kind, MessageState state, std::string reason, int http_status)
{
    auto now = now_millis();
    auto recorded = co_await m_database.write<std::vector<MessageRecord>>(
        [&](SqlConnection& connection) { return record_final(connection, job.request.id, state, reason, std::nullopt, now); });
    DispatchOutcome outcome;
    outcome.kind = kind;
    outcome.http_status = http_status;
    outcome.error = reason;
    if (!recorded) {
        spdlog::error("request {}: cannot record its final state: {}", job.request.id, recorded.error().message);
        outcome.messages = job.pending_messages;
        co_return outcome;
    }
    notify(*recorded);
    outcome.messages = std::move(*recorded);
    co_return outcome;
}

Awaitable<DispatchOutcome> Dispatcher::wait_for_proof(DispatchJob& job, std::string reason, Millis not_before)
{
    auto now = now_millis();
    // Plivo's report on the attempt usually settles it within seconds; the list is asked again with
    // backoff, so waiting up to the deadline costs few calls.
    auto next = std::max(not_before,
        now + retry_delay(job.request.attempts, std::nullopt, m_settings.retry_first_delay, m_settings.retry_longest_delay));
    if (next > job.request.deadline_at)
        co_return co_await finish(job, DispatchOutcome::Kind::Unknown, MessageState::Unknown, reason, 0);
    spdlog::warn("request {}: {}; waiting for Plivo's report, next lookup in {} ms", job.request.id, reason, next - now);
    // This claim only looked Plivo up: the attempt before it stays the last one that may have reached Plivo.
    auto last_call_at = job.previous_attempt_at > 0 ? std::optional<Millis>(job.previous_attempt_at) : std::nullopt;
    auto saved = co_await m_database.write<void>([&](SqlConnection& connection) {
        return record_retry(connection, job.request.id, next, true, reason, now, last_call_at);
    });
    if (!saved)
        spdlog::error("request {}: cannot record the wait ({}); the lease will expire and it is looked up then",
            job.request.id, saved.error().message);
    DispatchOutcome outcome;
    outcome.kind = DispatchOutcome::Kind::Checking;
    outcome.error = std::move(reason);
    outcome.messages = job.pending_messages;
    co_return outcome;
}

void Dispatcher::notify(std::vector<MessageRecord> const& messages)
{
    if (m_on_change && !messages.empty())
        m_on_change(messages);
}

}
