#pragma once
// Takes accepted send requests to Plivo and records what happened, so that nothing accepted is
// lost or sent twice:
// - a request is claimed with a lease and marked "attempt in progress" before Plivo is called, so
//   after a crash (or a timeout) it is looked up in Plivo's message list, never blindly re-sent;
// - transient failures that certainly did not reach Plivo are retried with backoff and jitter,
//   honouring Retry-After, until the request's deadline;
// - requests left behind by a crash or another instance are picked up when their lease expires;
//   when many need a lookup at once, one listing of Plivo's messages answers them all.
#include "config/config.hpp"
#include "messaging/callback_token.hpp"
#include "messaging/dispatch/instance_registry.hpp"
#include "messaging/message.hpp"
#include "messaging/plivo_gateway.hpp"
#include "messaging/dispatch/rate_limiter.hpp"
#include "store/database.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace mmsgate {

// What became of a send request, in the one vocabulary used from the dispatcher up to the HTTP
// answer (messaging/send/send_answer.cpp maps it to a status, in one function).
struct DispatchOutcome {
    enum class Kind {
        Accepted, // Plivo took it (some numbers may be invalid)
        Rejected, // Plivo refused it: final
        Pending, // stored, not handed to Plivo yet (its turn has not come, or the lease ran out first)
        Retrying, // not yet: a transient failure that certainly did not reach Plivo; sent again
        Checking, // an attempt may have reached Plivo: it is looked up before any resend
        Failed, // gave up (deadline) or a final error
        Unknown, // Plivo could not be asked whether it has the message
    };
    Kind kind = Kind::Retrying;
    int http_status = 0;
    std::string error;
    std::string api_id;
    std::vector<MessageRecord> messages;
    std::vector<std::string> invalid_numbers;
};

// The outcome of one request's first dispatch, which an API handler may wait for.
class OutcomeSignal {
public:
    void set(DispatchOutcome outcome);
    // The outcome, or nothing if it did not arrive within `timeout`.
    [[nodiscard]] Awaitable<std::optional<DispatchOutcome>> wait(std::chrono::milliseconds timeout);

private:
    std::mutex m_mutex;
    std::optional<DispatchOutcome> m_outcome;
    std::vector<std::shared_ptr<net::steady_timer>> m_waiters;
};

class Dispatcher : public std::enable_shared_from_this<Dispatcher> {
public:
    using ChangeListener = std::function<void(std::vector<MessageRecord> const&)>;

    // `instance_id` names this process in leases and in the instance list; a restart may reuse it
    // (the work the previous run held is then taken back at once), two live processes never may.
    Dispatcher(net::io_context& io, Database& database, PlivoGateway& plivo, DispatchSettings settings,
        std::string instance_id);

    // Resumes what a previous run left (SQLite: every lease is void; PostgreSQL: the leases held under
    // this instance's name) and starts the polling loop. Unless it is the single instance, it also
    // joins the instances that share Plivo's limits.
    void start(bool single_instance);
    // Stops taking work; also leaves the instances sharing the limits (a blocking write).
    void stop();
    void set_change_listener(ChangeListener listener) { m_on_change = std::move(listener); }
    // Where Plivo sends delivery reports: `url` (…/api/plivo/status) plus "/" and a token naming the
    // attempt (callback_token.hpp); set before start() once the public address is known.
    void set_status_callback(std::string url, CallbackTokens tokens)
    {
        m_status_callback_url = std::move(url);
        m_callback_tokens = std::move(tokens);
    }

    // The claim under which a request stored now is handed to dispatch_now() at once, or nothing
    // when its turn at Plivo would come later than `wait`: such a request is better stored unclaimed
    // for the polling loop (no caller would see its outcome in time, and nothing is held in memory).
    [[nodiscard]] std::optional<InitialClaim> claim_for_new_request(std::chrono::milliseconds wait) const;
    // Dispatches a request the caller stored under claim_for_new_request()'s claim. The signal never
    // carries Pending: a caller that sees no outcome in time answers "pending" itself.
    [[nodiscard]] std::shared_ptr<OutcomeSignal> dispatch_now(DispatchJob job);
    // Makes the loop look for due work now (after a deliberate resend).
    void wake();

    [[nodiscard]] int in_flight() const { return m_limiter.in_flight(); }
    [[nodiscard]] int waiting_for_plivo() const { return m_limiter.waiting(); }
    [[nodiscard]] int jobs_running() const { return m_jobs_running.load(); }

private:
    Awaitable<void> poll_loop();
    // Heartbeats and keeps this instance to its share of Plivo's limits.
    Awaitable<void> heartbeat_loop();
    void join_instances();
    Awaitable<void> reconcile_loop();
    Awaitable<void> reconcile_stale_messages();
    // Plivo's outbound messages since `since`, listed once for many lookups (after a crash, every
    // request that was in dispatch needs one): complete, and taken at `taken_at`.
    struct SentSnapshot {
        Millis since = 0;
        Millis taken_at = 0;
        std::vector<PlivoMessageSummary> messages;
    };
    using SnapshotPointer = std::shared_ptr<SentSnapshot const>;

    std::shared_ptr<OutcomeSignal> spawn_job(DispatchJob job, SnapshotPointer snapshot);
    Awaitable<void> run_job(DispatchJob job, std::shared_ptr<OutcomeSignal> signal, SnapshotPointer snapshot);
    Awaitable<DispatchOutcome> attempt(DispatchJob& job, SnapshotPointer const& snapshot);
    // After an unanswered attempt: what Plivo has is adopted; the outcome when that settles the job,
    // else nothing, with job.pending_messages narrowed to the messages Plivo certainly lacks (to send).
    Awaitable<std::optional<DispatchOutcome>> reconcile(DispatchJob& job, SnapshotPointer const& snapshot);
    // A snapshot that can answer the lookups of `jobs`, when enough of them need one; else null.
    Awaitable<SnapshotPointer> snapshot_for(std::vector<DispatchJob> const& jobs);
    Awaitable<DispatchOutcome> send(DispatchJob& job);
    // An unanswered attempt that no proof matches yet: asked again later (not before `not_before`),
    // `unknown` at the deadline. Called only from claims that did not call Plivo.
    Awaitable<DispatchOutcome> wait_for_proof(DispatchJob& job, std::string reason, Millis not_before = 0);
    Awaitable<DispatchOutcome> schedule_retry(DispatchJob& job, bool outcome_unknown, std::string reason,
        std::optional<int> retry_after_seconds, int http_status);
    Awaitable<DispatchOutcome> finish(DispatchJob& job, DispatchOutcome::Kind kind, MessageState state,
        std::string reason, int http_status);
    void notify(std::vector<MessageRecord> const& messages);
    [[nodiscard]] Millis lease_duration() const;
    // Whether a Plivo call started now ends (or times out) before the job's lease does.
    [[nodiscard]] bool lease_outlasts_call(DispatchJob const& job) const;
    [[nodiscard]] DispatchOutcome lease_ran_out(DispatchJob const& job) const;

    net::io_context& m_io;
    Database& m_database;
    PlivoGateway& m_plivo;
    DispatchSettings m_settings;
    std::string m_status_callback_url;
    std::optional<CallbackTokens> m_callback_tokens;
    std::string m_lease_owner;
    RateLimiter m_limiter;
    InstanceHeartbeatSettings m_heartbeat;
    bool m_shares_limits = false;
    int m_live_instances = 1;
    ChangeListener m_on_change;
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_jobs_running { 0 };
    std::shared_ptr<net::steady_timer> m_wake_timer;
    SnapshotPointer m_snapshot; // the latest, used by poll_loop only
};

// Shared by the dispatcher's source files.
namespace dispatch {
// An ambiguous attempt is looked up after this pause, giving Plivo's list time to show it.
inline constexpr Millis kLookupDelay = 1'000;
// How far before the first attempt a message found in Plivo's list may be dated (clock skew).
inline constexpr Millis kLookupSlack = 60'000;
inline constexpr int kClaimBatch = 64;
}

// Delay before attempt `attempts + 1`: doubling from `first` (1 s by default), capped at `longest`
// (60 s), with +-20 % jitter, and never shorter than Plivo's Retry-After.
[[nodiscard]] Millis retry_delay(int attempts, std::optional<int> retry_after_seconds,
    std::chrono::milliseconds first = std::chrono::seconds(1), std::chrono::milliseconds longest = std::chrono::seconds(60));

}
