#include "messaging/dispatch/dispatcher.hpp"

#include "core/random.hpp"
#include "media/upload_dispatch.hpp"
#include "messaging/dispatch/outbox.hpp"
#include "messaging/phone_number.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

namespace mmsgate {

namespace {

using namespace dispatch;
constexpr std::chrono::milliseconds kPollInterval { 500 };

}

void OutcomeSignal::set(DispatchOutcome outcome)
{
    std::lock_guard lock(m_mutex);
    m_outcome = std::move(outcome);
    for (auto& waiter : m_waiters)
        net::post(waiter->get_executor(), [waiter] { waiter->cancel(); });
    m_waiters.clear();
}

Awaitable<std::optional<DispatchOutcome>> OutcomeSignal::wait(std::chrono::milliseconds timeout)
{
    auto timer = std::make_shared<net::steady_timer>(co_await net::this_coro::executor, timeout);
    {
        std::lock_guard lock(m_mutex);
        if (m_outcome)
            co_return m_outcome;
        m_waiters.push_back(timer);
    }
    boost::system::error_code ignored;
    co_await timer->async_wait(net::redirect_error(net::use_awaitable, ignored));
    std::lock_guard lock(m_mutex);
    std::erase(m_waiters, timer);
    co_return m_outcome;
}

Dispatcher::Dispatcher(net::io_context& io, Database& database, PlivoGateway& plivo, DispatchSettings settings,
    std::string instance_id)
    : m_io(io)
    , m_database(database)
    , m_plivo(plivo)
    , m_settings(settings)
    , m_lease_owner(instance_id.empty() ? random_hex(8) : std::move(instance_id))
    , m_limiter(settings.requests_per_window, settings.window, settings.max_concurrent_requests)
    , m_wake_timer(std::make_shared<net::steady_timer>(io))
{
}

Millis Dispatcher::lease_duration() const
{
    // Long enough for a send plus a paged lookup; a dead instance's work is taken over after it.
    return (m_settings.connect_timeout + m_settings.request_timeout).count() * 2 + 30'000;
}

std::optional<InitialClaim> Dispatcher::claim_for_new_request(std::chrono::milliseconds wait) const
{
    if (m_limiter.estimated_wait() > wait)
        return std::nullopt;
    return InitialClaim { m_lease_owner, now_millis() + lease_duration() };
}

void Dispatcher::start(bool single_instance)
{
    // Only this process uses the SQLite file, so leases of a previous run belong to a dead process;
    // on PostgreSQL only those held under this instance's name (no other live process has it).
    auto released = m_database.write_blocking<int>([this, single_instance](SqlConnection& connection) {
        return release_leases(connection, single_instance ? std::nullopt : std::optional<std::string>(m_lease_owner));
    });
    if (released && *released > 0)
        spdlog::info("resuming {} send request(s) left in dispatch by the previous run", *released);
    if (!single_instance)
        join_instances();
    net::co_spawn(m_io, [self = shared_from_this()] { return self->poll_loop(); }, net::detached);
    net::co_spawn(m_io, [self = shared_from_this()] { return self->reconcile_loop(); }, net::detached);
}

void Dispatcher::stop()
{
    m_stopping = true;
    net::post(m_io, [timer = m_wake_timer] { timer->cancel(); });
    if (m_shares_limits) {
        auto removed = m_database.write_blocking<void>([this](SqlConnection& connection) { return remove_instance(connection, m_lease_owner); });
        if (!removed)
            spdlog::warn("dispatcher: could not leave the instance list: {}", removed.error().message);
    }
}

void Dispatcher::join_instances()
{
    m_shares_limits = true;
    auto live = m_database.write_blocking<int>([this](SqlConnection& connection) {
        return record_instance_heartbeat(connection, m_lease_owner, now_millis(), m_heartbeat);
    });
    // The others learn of this instance at their next heartbeat, and the requests they started in
    // their last window still count: this one starts calling Plivo once both have passed.
    auto settled = std::chrono::steady_clock::now() + m_settings.window + std::chrono::milliseconds(m_heartbeat.interval);
    if (!live) {
        spdlog::warn("dispatcher: cannot record this instance: {} ({})", live.error().message, live.error().detail);
        m_limiter.share_among(1, settled);
    } else {
        m_live_instances = *live;
        if (*live > 1) {
            spdlog::info("{} mmsgate instances share Plivo's API limits; this one calls Plivo from {} ms on",
                *live, (m_settings.window.count() + m_heartbeat.interval));
            m_limiter.share_among(*live, settled);
        }
    }
    net::co_spawn(m_io, [self = shared_from_this()] { return self->heartbeat_loop(); }, net::detached);
}

Awaitable<void> Dispatcher::heartbeat_loop()
{
    net::steady_timer timer(co_await net::this_coro::executor);
    while (!m_stopping) {
        timer.expires_after(std::chrono::milliseconds(m_heartbeat.interval));
        boost::system::error_code ignored;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ignored));
        if (m_stopping)
            break;
        auto now = now_millis();
        auto live = co_await m_database.write<int>([this, now](SqlConnection& connection) {
            return record_instance_heartbeat(connection, m_lease_owner, now, m_heartbeat);
        });
        // Without the database this instance cannot claim new work; what it holds keeps the last share.
        if (!live)
            continue;
        if (*live != m_live_instances)
            spdlog::info("{} mmsgate instance(s) now share Plivo's API limits", *live);
        m_live_instances = *live;
        m_limiter.share_among(*live);
    }
}

void Dispatcher::wake()
{
    net::post(m_io, [timer = m_wake_timer] { timer->cancel(); });
}

std::shared_ptr<OutcomeSignal> Dispatcher::dispatch_now(DispatchJob job)
{
    return spawn_job(std::move(job), {});
}

std::shared_ptr<OutcomeSignal> Dispatcher::spawn_job(DispatchJob job, SnapshotPointer snapshot)
{
    auto signal = std::make_shared<OutcomeSignal>();
    net::co_spawn(net::make_strand(m_io),
        [self = shared_from_this(), job = std::move(job), signal, snapshot = std::move(snapshot)]() mutable {
            return self->run_job(std::move(job), signal, std::move(snapshot));
        },
        net::detached);
    return signal;
}

Awaitable<void> Dispatcher::poll_loop()
{
    while (!m_stopping) {
        int claimed = 0;
        // Keep the number of jobs bounded; Plivo's own concurrency limit is enforced by m_limiter.
        auto capacity = std::max(0, m_settings.max_concurrent_requests * 4 - m_jobs_running.load());
        if (capacity > 0) {
            auto now = now_millis();
            auto lease = now + lease_duration();
            auto limit = std::min(capacity, kClaimBatch);
            auto jobs = co_await m_database.write<std::vector<DispatchJob>>(
                [&](SqlConnection& connection) { return claim_due_requests(connection, m_lease_owner, now, lease, limit,
                    SuppressionScope { m_settings.suppression_per_number }); });
            if (!jobs) {
                spdlog::warn("dispatcher cannot claim work: {} ({})", jobs.error().message, jobs.error().detail);
            } else {
                claimed = int(jobs->size());
                auto snapshot = co_await snapshot_for(*jobs);
                for (auto& job : *jobs)
                    (void)spawn_job(std::move(job), snapshot);
            }
        }
        if (claimed == kClaimBatch && !m_stopping)
            continue;
        m_wake_timer->expires_after(kPollInterval);
        boost::system::error_code ignored;
        co_await m_wake_timer->async_wait(net::redirect_error(net::use_awaitable, ignored));
    }
}

Awaitable<void> Dispatcher::run_job(DispatchJob job, std::shared_ptr<OutcomeSignal> signal, SnapshotPointer snapshot)
{
    ++m_jobs_running;
    auto outcome = co_await attempt(job, snapshot);
    // Pending: Plivo was not called (the lease ran out waiting for a slot); the next claim has the
    // real outcome, so a waiting caller keeps waiting and answers "pending" itself.
    if (outcome.kind != DispatchOutcome::Kind::Pending)
        signal->set(std::move(outcome));
    --m_jobs_running;
}

Awaitable<DispatchOutcome> Dispatcher::attempt(DispatchJob& job, SnapshotPointer const& snapshot)
{
    if (job.pending_messages.empty()) {
        // Every message was settled by an earlier attempt; only the request's bookkeeping is left.
        co_return co_await finish(job, DispatchOutcome::Kind::Accepted, MessageState::Failed, {}, 0);
    }
    if (now_millis() > job.request.deadline_at) {
        if (job.previous_outcome_unknown)
            co_return co_await finish(job, DispatchOutcome::Kind::Unknown, MessageState::Unknown,
                "Plivo could not be asked whether it received the message before the retry deadline", 0);
        co_return co_await finish(job, DispatchOutcome::Kind::Failed, MessageState::Failed,
            "Gave up: Plivo was unavailable until the retry deadline", 0);
    }
    if (job.previous_outcome_unknown) {
        // The previous attempt may have reached Plivo: only what Plivo certainly lacks is sent.
        if (auto settled = co_await reconcile(job, snapshot))
            co_return std::move(*settled);
    }
    co_return co_await send(job);
}

Awaitable<DispatchOutcome> Dispatcher::send(DispatchJob& job)
{
    PlivoSendCommand command;
    command.source = job.request.sender;
    for (auto const& message : job.pending_messages)
        command.destinations.push_back(message.recipient);
    command.text = job.request.text;
    command.media_urls = job.request.media_urls;
    command.media_ids = job.request.media_ids;
    command.type = job.request.message_type;
    command.status_callback_url = m_callback_tokens
        ? m_status_callback_url + "/" + m_callback_tokens->token_for(job.request.id, job.request.attempts)
        : m_status_callback_url;

    PlivoSendResult result;
    if (auto not_attached = co_await attach_uploaded_media(m_database, m_plivo, job.request.id, command.media_ids)) {
        result = std::move(*not_attached);
    } else {
        co_await m_limiter.acquire();
        RateLimitPermit permit(m_limiter);
        if (!lease_outlasts_call(job))
            co_return lease_ran_out(job);
        result = co_await m_plivo.send(std::move(command));
    }

    switch (result.outcome) {
    case PlivoCallOutcome::Accepted: {
        std::set<std::string> invalid(result.invalid_numbers.begin(), result.invalid_numbers.end());
        std::vector<AdoptedMessage> adopted;
        std::vector<std::string> invalid_ids;
        std::size_t next_uuid = 0;
        for (auto const& message : job.pending_messages) {
            if (invalid.contains(plivo_digits(message.recipient)) || invalid.contains(message.recipient))
                invalid_ids.push_back(message.id);
            else if (next_uuid < result.message_uuids.size())
                adopted.push_back({ message.id, result.message_uuids[next_uuid++], MessageState::Queued });
        }
        auto now = now_millis();
        auto recorded = co_await m_database.write<std::vector<MessageRecord>>([&](SqlConnection& connection) {
            return record_accepted(connection, job.request.id, result.api_id, adopted, invalid_ids, "dispatcher", now);
        });
        DispatchOutcome outcome;
        outcome.kind = DispatchOutcome::Kind::Accepted;
        outcome.http_status = result.http_status;
        outcome.api_id = result.api_id;
        outcome.invalid_numbers = result.invalid_numbers;
        if (!recorded) {
            // Plivo has the message; the lease runs out and the lookup adopts its uuid then.
            spdlog::error("request {}: Plivo accepted it but recording that failed: {}", job.request.id, recorded.error().message);
            outcome.messages = job.pending_messages;
            for (std::size_t i = 0; i < adopted.size(); ++i) {
                for (auto& message : outcome.messages) {
                    if (message.id == adopted[i].message_id) {
                        message.plivo_uuid = adopted[i].plivo_uuid;
                        message.state = MessageState::Queued;
                    }
                }
            }
            co_return outcome;
        }
        notify(*recorded);
        outcome.messages = std::move(*recorded);
        co_return outcome;
    }
    case PlivoCallOutcome::Rejected: {
        auto reason = result.http_status == 401 ? std::string("Plivo rejected the server's credentials")
                                                : "Plivo refused the message: " + result.error;
        if (result.http_status == 401)
            spdlog::error("Plivo answered 401: PLIVO_AUTH_ID / PLIVO_AUTH_TOKEN are wrong");
        auto outcome = co_await finish(job, DispatchOutcome::Kind::Rejected, MessageState::Failed, reason, result.http_status);
        outcome.error = result.http_status == 401 ? reason : result.error;
        co_return outcome;
    }
    case PlivoCallOutcome::RetrySafely:
        co_return co_await schedule_retry(job, false, result.error, result.retry_after_seconds, result.http_status);
    case PlivoCallOutcome::Ambiguous:
        co_return co_await schedule_retry(job, true, result.error, result.retry_after_seconds, result.http_status);
    }
    co_return co_await schedule_retry(job, true, result.error, std::nullopt, result.http_status);
}

}
