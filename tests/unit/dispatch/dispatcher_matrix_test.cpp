// The dispatcher on its own, against a fake Plivo (the PlivoGateway seam) and a real SQLite file:
// one send fails at each of its steps (store, claim, call, answer lost, store answer, report) by a
// crash of the process or a lost answer, and a new run of the dispatcher finishes it. One case has
// Plivo read the dead process's request only after the new run's first lookup. Each case
// checks "sent at most once, nothing acknowledged lost": Plivo took the message exactly once and
// the stored message holds the uuid Plivo gave it, in the state its reports say.
#include "messaging/dispatch/dispatcher.hpp"
#include "messaging/dispatch/outbox.hpp"
#include "messaging/message_store.hpp"
#include "messaging/phone_number.hpp"
#include "messaging/reports/early_reports.hpp"
#include "messaging/send/send_store.hpp"
#include "support/eventually.hpp"
#include "support/store_fixture.hpp"
#include "support/stored_send.hpp"

#include <atomic>
#include <mutex>
#include <thread>

namespace mmsgate::testing {
namespace {

constexpr char kRecipient[] = "+14155550111";

// Where the fake Plivo stops a send.
enum class Fault {
    None,
    HangBeforePlivo, // the process dies after claiming, before the call reaches Plivo
    HangAfterPlivo, // the call reached Plivo; the process dies before the answer arrives
    AnswerLost, // Plivo took it, the answer is lost (timeout after sending)
    ReportThenHang, // Plivo took it and reported "delivered" before the process died
    TakenLate, // the request left, the process died, and Plivo takes it kTakenLateAfter later
};

// After the new run's first lookup (at once after the restart), within the request timeout.
constexpr auto kTakenLateAfter = std::chrono::milliseconds(1500);
constexpr auto kRequestTimeout = std::chrono::seconds(4);

// Plivo as the dispatcher sees it: what it was sent survives every crash of mmsgate.
class FakePlivo final : public PlivoGateway {
public:
    explicit FakePlivo(Database& database)
        : m_database(database)
    {
    }
    ~FakePlivo() override { wait_for_late_take(); }

    // Plivo has read every request it is going to read (a TakenLate request included).
    void wait_for_late_take()
    {
        if (m_late_taker.joinable())
            m_late_taker.join();
    }

    void set_fault(Fault fault) { m_fault = fault; }
    [[nodiscard]] int sends_taken() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_taken.size());
    }
    [[nodiscard]] std::string only_uuid() const
    {
        std::lock_guard lock(m_mutex);
        return m_taken.size() == 1 ? m_taken.front().uuid : std::string();
    }
    [[nodiscard]] bool hanging() const { return m_hanging; }
    // 1 while an AnswerLost fault waits for its send.
    [[nodiscard]] int faults_left() const { return m_fault == Fault::AnswerLost ? 1 : 0; }

    Awaitable<PlivoSendResult> send(PlivoSendCommand command) override
    {
        auto fault = m_fault.load();
        if (fault == Fault::HangBeforePlivo)
            co_await hang();
        if (fault == Fault::TakenLate) {
            // Time is what is tested: Plivo reads the request after the new run first looked it up.
            m_late_taker = std::thread([this, command] {
                std::this_thread::sleep_for(kTakenLateAfter);
                take(command);
            });
            co_await hang();
        }
        auto uuid = take(command);
        if (fault == Fault::ReportThenHang) {
            // Plivo calls back within milliseconds, before mmsgate stored its answer.
            StatusUpdate update;
            update.plivo_uuid = uuid;
            update.state = MessageState::Delivered;
            update.sequence = 2;
            update.source = "callback";
            auto recorded = m_database.write_blocking<RecordedReport>([&](SqlConnection& connection) {
                return record_status_report(connection, update, std::string(kRecipient), now_millis(), {});
            });
            EXPECT_TRUE(recorded && recorded->outcome == RecordedReport::Outcome::KeptEarly);
        }
        if (fault == Fault::HangAfterPlivo || fault == Fault::ReportThenHang)
            co_await hang();
        PlivoSendResult result;
        if (fault == Fault::AnswerLost) {
            result.outcome = PlivoCallOutcome::Ambiguous;
            result.error = "timed out after sending";
            m_fault = Fault::None;
            co_return result;
        }
        result.outcome = PlivoCallOutcome::Accepted;
        result.http_status = 202;
        result.api_id = "api-" + uuid;
        result.message_uuids = { uuid };
        co_return result;
    }

    Awaitable<PlivoLookupResult> find_sent(std::string to_digits, Millis since) override
    {
        PlivoLookupResult result;
        result.outcome = PlivoCallOutcome::Accepted;
        result.http_status = 200;
        std::lock_guard lock(m_mutex);
        for (auto const& message : m_taken) {
            if ((to_digits.empty() || message.to_digits == to_digits) && message.time >= since)
                result.messages.push_back(message);
        }
        co_return result;
    }

    Awaitable<PlivoLookupResult> get(std::string uuid) override
    {
        PlivoLookupResult result;
        result.outcome = PlivoCallOutcome::Rejected;
        result.http_status = 404;
        std::lock_guard lock(m_mutex);
        for (auto const& message : m_taken) {
            if (message.uuid == uuid) {
                result.outcome = PlivoCallOutcome::Accepted;
                result.http_status = 200;
                result.messages.push_back(message);
            }
        }
        co_return result;
    }

private:
    // Plivo records the message (its uuid, one entry a destination).
    std::string take(PlivoSendCommand const& command)
    {
        std::lock_guard lock(m_mutex);
        auto uuid = "uuid-" + std::to_string(m_taken.size() + 1);
        for (auto const& destination : command.destinations) {
            PlivoMessageSummary taken;
            taken.uuid = uuid;
            taken.to_digits = plivo_digits(destination);
            taken.from_digits = plivo_digits(command.source);
            taken.state = "queued";
            taken.time = now_millis();
            m_taken.push_back(std::move(taken));
        }
        return uuid;
    }

    // The process dies here: nothing after this point of the send runs.
    Awaitable<void> hang()
    {
        m_hanging = true;
        net::steady_timer forever(co_await net::this_coro::executor, std::chrono::hours(24));
        boost::system::error_code ignored;
        co_await forever.async_wait(net::redirect_error(net::use_awaitable, ignored));
    }

    Database& m_database;
    std::atomic<Fault> m_fault { Fault::None };
    std::atomic<bool> m_hanging { false };
    mutable std::mutex m_mutex;
    std::vector<PlivoMessageSummary> m_taken;
    std::thread m_late_taker;
};

// One run of mmsgate's dispatcher: its own io_context on its own thread. A crash stops the thread
// where it is; the stopped context keeps the interrupted coroutines until the test ends, as a
// dead process keeps nothing but what it committed.
struct DispatcherRun {
    net::io_context io;
    std::shared_ptr<Dispatcher> dispatcher;
    std::thread thread;

    void start(Database& database, PlivoGateway& plivo)
    {
        DispatchSettings settings;
        settings.retry_first_delay = std::chrono::milliseconds(50);
        settings.request_timeout = kRequestTimeout;
        dispatcher = std::make_shared<Dispatcher>(io, database, plivo, settings, "run");
        dispatcher->start(true);
        thread = std::thread([this] { io.run(); });
    }
    void crash()
    {
        io.stop();
        if (thread.joinable())
            thread.join();
    }
};

struct MatrixCase {
    char const* step;
    bool stored_claimed; // the API stores the request claimed by its instance; else the poll loop claims it
    Fault fault;
    bool answer_store_fails; // the transaction that stores Plivo's answer fails, then the process dies
    MessageState final_state;
};

void PrintTo(MatrixCase const& matrix_case, std::ostream* out) { *out << matrix_case.step; }


// Runs on a real SQLite file: the failing answer store is an SQLite trigger, and the rules under
// test are the dispatcher's, not the backend's (EarlyReportsTest and the integration suite cover both).
class DispatcherMatrix : public ::testing::TestWithParam<MatrixCase> {
protected:
    void SetUp() override
    {
        m_directory = std::make_unique<TemporaryDirectory>();
        m_database = open_sqlite_database(*m_directory, "matrix.db");
        ASSERT_TRUE(m_database);
        m_plivo = std::make_unique<FakePlivo>(*m_database);
    }

    void TearDown() override
    {
        for (auto& run : m_runs) {
            if (run->dispatcher)
                run->dispatcher->stop();
            run->crash();
        }
        m_runs.clear();
        m_plivo.reset();
        m_database.reset();
        m_directory.reset();
    }

    DispatcherRun& start_run()
    {
        m_runs.push_back(std::make_unique<DispatcherRun>());
        m_runs.back()->start(*m_database, *m_plivo);
        return *m_runs.back();
    }

    // What POST /api/send-mms stores before it answers 200/202: from here on the send is acknowledged.
    void store_send(bool claimed)
    {
        auto now = now_millis();
        auto send = one_text_send(kRecipient, now, "request-1", "message-1");
        std::optional<InitialClaim> claim;
        if (claimed)
            claim = InitialClaim { "run", now + 600'000 };
        auto stored = m_database->write_blocking<void>(
            [&](SqlConnection& connection) { return insert_send_request(connection, send.request, { send.message }, std::nullopt, claim); });
        ASSERT_THAT(stored, IsOk());
    }

    void execute(std::string const& sql)
    {
        auto done = m_database->write_blocking<void>([&](SqlConnection& connection) -> Result<void> {
            auto result = connection.execute(sql);
            if (!result)
                return std::unexpected(std::move(result.error()));
            return {};
        });
        ASSERT_THAT(done, IsOk());
    }

    [[nodiscard]] std::optional<MessageRecord> stored_message()
    {
        auto found = m_database->read_blocking<std::optional<MessageRecord>>(
            [](SqlConnection& connection) { return find_message(connection, "message-1"); });
        return found ? *found : std::nullopt;
    }

    [[nodiscard]] std::string dispatch_state()
    {
        auto state = m_database->read_blocking<std::string>([](SqlConnection& connection) -> Result<std::string> {
            auto result = connection.execute("SELECT dispatch_state FROM mmsgate_send_request WHERE id = 'request-1'");
            if (!result)
                return std::unexpected(std::move(result.error()));
            return result->rows.empty() ? std::string() : result->rows.front().text(0);
        });
        return state.value_or("");
    }

    std::unique_ptr<TemporaryDirectory> m_directory;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<FakePlivo> m_plivo;
    std::vector<std::unique_ptr<DispatcherRun>> m_runs;
};

TEST_P(DispatcherMatrix, SentAtMostOnceAndNothingAcknowledgedLost)
{
    auto const& matrix_case = GetParam();
    store_send(matrix_case.stored_claimed);
    m_plivo->set_fault(matrix_case.fault);
    if (matrix_case.answer_store_fails) {
        execute("CREATE TRIGGER lose_the_answer BEFORE UPDATE OF plivo_uuid ON mmsgate_message "
                "BEGIN SELECT RAISE(ABORT, 'the database went away'); END");
    }

    bool crashes = matrix_case.stored_claimed || matrix_case.fault == Fault::HangBeforePlivo
        || matrix_case.fault == Fault::HangAfterPlivo || matrix_case.fault == Fault::ReportThenHang
        || matrix_case.fault == Fault::TakenLate || matrix_case.answer_store_fails;
    if (!matrix_case.stored_claimed) {
        // The first run gets as far as the fault; a run that is not to crash finishes the send.
        auto& first = start_run();
        if (crashes) {
            if (matrix_case.answer_store_fails) {
                ASSERT_TRUE(eventually([&] { return m_plivo->sends_taken() == 1 && first.dispatcher->jobs_running() == 0; }));
            } else {
                ASSERT_TRUE(eventually([&] { return m_plivo->hanging(); }));
            }
            first.crash();
            // Nothing the dead run did after the fault reached the database.
            ASSERT_TRUE(stored_message());
            EXPECT_FALSE(stored_message()->plivo_uuid);
        }
    }
    // A claimed request whose process died before dispatching it: the restart finds it.
    if (matrix_case.answer_store_fails)
        execute("DROP TRIGGER lose_the_answer");
    if (crashes) {
        m_plivo->set_fault(Fault::None);
        start_run();
    }

    ASSERT_TRUE(eventually([&] {
        auto message = stored_message();
        return message && message->plivo_uuid && message->state == matrix_case.final_state && dispatch_state() == "done";
    }, std::chrono::seconds(30)))
        << "state " << (stored_message() ? to_string(stored_message()->state) : "none") << ", request " << dispatch_state();
    m_plivo->wait_for_late_take();
    EXPECT_EQ(m_plivo->faults_left(), 0) << "the fault was never reached";
    EXPECT_EQ(m_plivo->sends_taken(), 1);
    EXPECT_EQ(stored_message()->plivo_uuid, m_plivo->only_uuid());
}

INSTANTIATE_TEST_SUITE_P(EveryStep, DispatcherMatrix,
    ::testing::Values(
        MatrixCase { "CrashAfterStore", true, Fault::None, false, MessageState::Queued },
        MatrixCase { "CrashAfterClaim", false, Fault::HangBeforePlivo, false, MessageState::Queued },
        MatrixCase { "CrashDuringCall", false, Fault::HangAfterPlivo, false, MessageState::Queued },
        MatrixCase { "AnswerLost", false, Fault::AnswerLost, false, MessageState::Queued },
        MatrixCase { "StoreAnswerFailsThenCrash", false, Fault::None, true, MessageState::Queued },
        MatrixCase { "ReportBeforeAnswerThenCrash", false, Fault::ReportThenHang, false, MessageState::Delivered },
        MatrixCase { "CrashAfterWritingPlivoReadsLate", false, Fault::TakenLate, false, MessageState::Queued },
        MatrixCase { "NoFault", false, Fault::None, false, MessageState::Queued }),
    [](::testing::TestParamInfo<MatrixCase> const& info) { return std::string(info.param.step); });

}
}
