// Quiet hours and the dispatcher: a held request is an ordinary pending request that is not due
// yet. The claim skips it until its time, then releases its messages (scheduled -> accepted) and
// sends them once; a cancel and a claim are decided one after the other.
#include "messaging/dispatch/dispatcher.hpp"
#include "messaging/dispatch/outbox.hpp"
#include "messaging/message_store.hpp"
#include "messaging/quiet_hours/cancel_scheduled.hpp"
#include "messaging/send/send_store.hpp"
#include "suppressions/list/suppression_list.hpp"
#include "support/eventually.hpp"
#include "support/store_fixture.hpp"
#include "support/stored_send.hpp"

#include <atomic>
#include <thread>

namespace mmsgate::testing {
namespace {

constexpr Millis kHour = 3'600'000;

// Plivo takes everything and counts it.
class CountingPlivo final : public PlivoGateway {
public:
    std::atomic<int> sends { 0 };

    Awaitable<PlivoSendResult> send(PlivoSendCommand command) override
    {
        PlivoSendResult result;
        result.outcome = PlivoCallOutcome::Accepted;
        result.http_status = 202;
        auto number = ++sends;
        result.api_id = "api-" + std::to_string(number);
        for (std::size_t i = 0; i < command.destinations.size(); ++i)
            result.message_uuids.push_back("uuid-" + std::to_string(number) + "-" + std::to_string(i));
        co_return result;
    }
    Awaitable<PlivoLookupResult> find_sent(std::string, Millis) override
    {
        PlivoLookupResult result;
        result.outcome = PlivoCallOutcome::Accepted;
        result.http_status = 200;
        co_return result;
    }
    Awaitable<PlivoLookupResult> get(std::string) override
    {
        PlivoLookupResult result;
        result.outcome = PlivoCallOutcome::Rejected;
        result.http_status = 404;
        co_return result;
    }
};

class QuietHoursDispatch : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_directory = std::make_unique<TemporaryDirectory>();
        m_database = open_sqlite_database(*m_directory, "quiet.db");
        ASSERT_TRUE(m_database);
    }

    void TearDown() override
    {
        if (m_dispatcher)
            m_dispatcher->stop();
        m_io.stop();
        if (m_thread.joinable())
            m_thread.join();
        set_test_clock_offset(0);
    }

    void start_dispatcher()
    {
        m_dispatcher = std::make_shared<Dispatcher>(m_io, *m_database, m_plivo, DispatchSettings {}, "run");
        m_dispatcher->start(true);
        m_thread = std::thread([this] { m_io.run(); });
    }

    // What the send route stores for a recipient held until `due`.
    void store_scheduled(Millis due)
    {
        auto send = one_text_send("+12125550111", now_millis(), "request-1", "message-1");
        send.request.text = "good morning";
        send.request.next_attempt_at = due;
        send.request.deadline_at = due + kHour;
        send.message.state = MessageState::Scheduled;
        send.message.scheduled_for = due;
        auto stored = m_database->write_blocking<void>([&](SqlConnection& connection) {
            return insert_send_request(connection, send.request, { send.message }, std::nullopt, std::nullopt);
        });
        ASSERT_THAT(stored, IsOk());
    }

    Result<std::vector<DispatchJob>> claim(Millis now)
    {
        return m_database->write_blocking<std::vector<DispatchJob>>(
            [&](SqlConnection& connection) { return claim_due_requests(connection, "other", now, now + 60'000, 10); });
    }

    Result<MessageRecord> cancel(std::optional<std::string> owner = std::string("user-1"))
    {
        return m_database->write_blocking<MessageRecord>(
            [&](SqlConnection& connection) { return cancel_scheduled_message(connection, "message-1", owner, "alice@example.com", now_millis()); });
    }

    [[nodiscard]] MessageRecord message()
    {
        auto found = m_database->read_blocking<std::optional<MessageRecord>>(
            [](SqlConnection& connection) { return find_message(connection, "message-1"); });
        return found && *found ? **found : MessageRecord {};
    }

    std::unique_ptr<TemporaryDirectory> m_directory;
    std::unique_ptr<Database> m_database;
    CountingPlivo m_plivo;
    net::io_context m_io;
    std::shared_ptr<Dispatcher> m_dispatcher;
    std::thread m_thread;
};

TEST_F(QuietHoursDispatch, NotClaimedBeforeItsTimeThenSentOnceWhenTheClockGetsThere)
{
    auto due = now_millis() + 10 * kHour;
    store_scheduled(due);
    auto early = claim(due - 1);
    ASSERT_THAT(early, IsOk());
    EXPECT_TRUE(early->empty());
    EXPECT_EQ(message().state, MessageState::Scheduled);

    start_dispatcher();
    set_test_clock_offset(10 * kHour + 1'000);
    ASSERT_TRUE(eventually([&] { return message().state == MessageState::Queued; }));
    EXPECT_EQ(m_plivo.sends.load(), 1);
    EXPECT_EQ(message().scheduled_for, due);
    auto again = claim(now_millis() + kHour);
    ASSERT_THAT(again, IsOk());
    EXPECT_TRUE(again->empty());
    EXPECT_EQ(m_plivo.sends.load(), 1);
}

TEST_F(QuietHoursDispatch, ACancelledMessageIsNeverSent)
{
    auto due = now_millis() + kHour;
    store_scheduled(due);
    auto cancelled = cancel();
    ASSERT_THAT(cancelled, IsOk());
    EXPECT_EQ(cancelled->state, MessageState::Cancelled);
    auto later = claim(due + 1);
    ASSERT_THAT(later, IsOk());
    EXPECT_TRUE(later->empty());
    auto twice = cancel();
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::AlreadyExists);
}

TEST_F(QuietHoursDispatch, ACancelAfterTheClaimIsRefusedAndTheMessageGoes)
{
    auto due = now_millis() + kHour;
    store_scheduled(due);
    auto claimed = claim(due);
    ASSERT_THAT(claimed, IsOk());
    ASSERT_EQ(claimed->size(), 1u);
    ASSERT_EQ(claimed->front().pending_messages.size(), 1u);
    EXPECT_EQ(message().state, MessageState::Accepted);
    auto refused = cancel();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::AlreadyExists);
    EXPECT_NE(refused.error().message.find("accepted"), std::string::npos) << refused.error().message;
    EXPECT_EQ(message().state, MessageState::Accepted);
}

// Issue 16: "before every send, each recipient is checked" holds for a held message too: STOP
// while it waited for the morning suppresses it when its time comes, and nothing goes to Plivo.
TEST_F(QuietHoursDispatch, ARecipientWhoOptedOutWhileTheMessageWaitedIsNotSent)
{
    auto due = now_millis() + kHour;
    store_scheduled(due);
    auto opted_out = m_database->write_blocking<void>([&](SqlConnection& connection) -> Result<void> {
        auto added = add_plivo_reported_opt_out(connection, "+12125550111", "+14155550100", now_millis());
        if (!added)
            return std::unexpected(std::move(added.error()));
        return {};
    });
    ASSERT_THAT(opted_out, IsOk());
    auto claimed = claim(due + 1);
    ASSERT_THAT(claimed, IsOk());
    EXPECT_TRUE(claimed->empty());
    EXPECT_EQ(message().state, MessageState::Suppressed);
    auto again = claim(due + kHour);
    ASSERT_THAT(again, IsOk());
    EXPECT_TRUE(again->empty());
    EXPECT_EQ(m_plivo.sends.load(), 0);
}

TEST_F(QuietHoursDispatch, OnlyTheOwnerOrAnAdministratorCancels)
{
    store_scheduled(now_millis() + kHour);
    auto stranger = cancel(std::string("user-2"));
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.error().code, ErrorCode::NotFound);
    EXPECT_THAT(cancel(std::nullopt), IsOk());
}

}
}
