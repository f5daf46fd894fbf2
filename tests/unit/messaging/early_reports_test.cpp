// Delivery reports that arrive before the dispatcher stored Plivo's uuid, on both backends.
#include "messaging/dispatch/outbox.hpp"
#include "messaging/history/history_queries.hpp"
#include "messaging/reports/early_reports.hpp"
#include "messaging/send/send_store.hpp"
#include "support/store_fixture.hpp"
#include "support/stored_send.hpp"

#include <algorithm>
#include <future>
#include <map>

namespace mmsgate::testing {
namespace {

constexpr Millis kStart = 1'800'000'000'000;

class EarlyReportsTest : public OpenDatabaseTest {
protected:
    // A send request stored by the API, waiting for Plivo's answer; returns its message id.
    std::string store_unanswered_send(std::string const& recipient)
    {
        auto send = one_text_send(recipient, kStart);
        auto stored = m_database->write_blocking<void>([&](SqlConnection& connection) {
            return insert_send_request(connection, send.request, { send.message }, std::nullopt, InitialClaim { "owner", kStart + 60'000 });
        });
        EXPECT_THAT(stored, IsOk());
        m_request_ids[send.message.id] = send.request.id;
        return send.message.id;
    }

    Result<RecordedReport> report(std::string const& uuid, MessageState state, int sequence, Millis at,
        std::optional<std::string> recipient = "+14155550111", EarlyReportLimits limits = {})
    {
        StatusUpdate update;
        update.plivo_uuid = uuid;
        update.state = state;
        update.sequence = sequence;
        update.units = 1;
        update.total_amount = "0.01600";
        update.source = "callback";
        return m_database->write_blocking<RecordedReport>(
            [&](SqlConnection& connection) { return record_status_report(connection, update, recipient, at, limits); });
    }

    Result<std::vector<MessageRecord>> store_answer(std::string const& message_id, std::string const& uuid, Millis at)
    {
        auto request_id = m_request_ids.at(message_id);
        return m_database->write_blocking<std::vector<MessageRecord>>([&](SqlConnection& connection) {
            return record_accepted(connection, request_id, "api-1", { { message_id, uuid, MessageState::Queued } }, {},
                "dispatcher", at);
        });
    }

    std::vector<std::string> timeline(std::string const& message_id)
    {
        auto events = m_database->read_blocking<std::vector<MessageEventRecord>>(
            [&](SqlConnection& connection) { return events_of_message(connection, message_id); });
        EXPECT_THAT(events, IsOk());
        std::vector<std::string> states;
        for (auto const& event : events.value_or(std::vector<MessageEventRecord> {}))
            states.push_back(std::string(to_string(event.state)) + "/" + event.source);
        return states;
    }

    std::int64_t kept_count()
    {
        auto counted = m_database->read_blocking<std::int64_t>([](SqlConnection& connection) -> Result<std::int64_t> {
            auto result = connection.execute("SELECT COUNT(*) FROM mmsgate_early_report");
            if (!result)
                return std::unexpected(std::move(result.error()));
            return result->rows.front().integer(0);
        });
        EXPECT_THAT(counted, IsOk());
        return counted.value_or(-1);
    }

    std::map<std::string, std::string> m_request_ids;
};

using Outcome = RecordedReport::Outcome;

TEST_P(EarlyReportsTest, AReportForAnUnknownUuidWithoutAnUnansweredSendIsNotKept)
{
    auto recorded = report("uuid-1", MessageState::Delivered, 3, kStart);
    ASSERT_THAT(recorded, IsOk());
    EXPECT_EQ(recorded->outcome, Outcome::NoSuchMessage);
    EXPECT_EQ(kept_count(), 0);
}

TEST_P(EarlyReportsTest, ReportsBeforeTheAnswerAreAppliedWithIt)
{
    auto id = store_unanswered_send("+14155550111");
    auto delivered = report("uuid-1", MessageState::Delivered, 3, kStart + 10);
    ASSERT_THAT(delivered, IsOk());
    EXPECT_EQ(delivered->outcome, Outcome::KeptEarly);
    EXPECT_FALSE(delivered->application.duplicate);
    auto replayed = report("uuid-1", MessageState::Delivered, 3, kStart + 30);
    ASSERT_THAT(replayed, IsOk());
    EXPECT_EQ(replayed->outcome, Outcome::KeptEarly);
    EXPECT_TRUE(replayed->application.duplicate);
    ASSERT_THAT(report("uuid-1", MessageState::Sent, 2, kStart + 20), IsOk());
    EXPECT_EQ(kept_count(), 2);

    auto messages = store_answer(id, "uuid-1", kStart + 100);
    ASSERT_THAT(messages, IsOk());
    ASSERT_EQ(messages->size(), 1u);
    EXPECT_EQ(messages->front().state, MessageState::Delivered);
    EXPECT_EQ(messages->front().last_sequence, 3);
    EXPECT_EQ(messages->front().total_amount, "0.01600");
    // Dated when they arrived; the out-of-order "sent" is kept as an event but moves nothing back.
    EXPECT_EQ(timeline(id),
        (std::vector<std::string> { "accepted/api", "delivered/callback", "sent/callback", "queued/dispatcher" }));
    EXPECT_EQ(kept_count(), 0);

    // From now on reports find the message.
    auto later = report("uuid-1", MessageState::Delivered, 3, kStart + 200);
    ASSERT_THAT(later, IsOk());
    EXPECT_EQ(later->outcome, Outcome::Applied);
    EXPECT_TRUE(later->application.duplicate);
}

TEST_P(EarlyReportsTest, OnlyAnUnansweredSendToTheReportedNumberKeepsIt)
{
    (void)store_unanswered_send("+14155550111");
    auto other = report("uuid-1", MessageState::Queued, 1, kStart, "+14155550999");
    ASSERT_THAT(other, IsOk());
    EXPECT_EQ(other->outcome, Outcome::NoSuchMessage);
    auto without_number = report("uuid-1", MessageState::Queued, 1, kStart, std::nullopt);
    ASSERT_THAT(without_number, IsOk());
    EXPECT_EQ(without_number->outcome, Outcome::KeptEarly);
}

TEST_P(EarlyReportsTest, KeptReportsAreCappedAndExpire)
{
    (void)store_unanswered_send("+14155550111");
    EarlyReportLimits limits { .max_kept = 2, .keep_for = 1000 };
    auto kept = [&](std::string const& uuid, Millis at) {
        auto recorded = report(uuid, MessageState::Queued, 1, at, "+14155550111", limits);
        EXPECT_THAT(recorded, IsOk());
        return recorded ? recorded->outcome : Outcome::NoSuchMessage;
    };
    EXPECT_EQ(kept("uuid-1", kStart), Outcome::KeptEarly);
    EXPECT_EQ(kept("uuid-2", kStart + 10), Outcome::KeptEarly);
    EXPECT_EQ(kept("uuid-3", kStart + 20), Outcome::EarlyStoreFull);
    EXPECT_EQ(kept_count(), 2);
    // Past keep_for the old ones make room.
    EXPECT_EQ(kept("uuid-3", kStart + 1005), Outcome::KeptEarly);
    EXPECT_EQ(kept_count(), 2);
}

TEST_P(EarlyReportsTest, ConcurrentReportAndAnswerNeverLoseTheReport)
{
    // The callback and the dispatcher race on many connections; the uuid lock orders them.
    constexpr int kRounds = 40;
    std::vector<std::string> ids;
    for (int i = 0; i < kRounds; ++i)
        ids.push_back(store_unanswered_send("+14155550111"));
    std::vector<std::future<void>> racing;
    for (int i = 0; i < kRounds; ++i) {
        auto uuid = "uuid-" + std::to_string(i);
        racing.push_back(std::async(std::launch::async, [&, uuid] {
            auto recorded = report(uuid, MessageState::Delivered, 3, kStart + 10);
            EXPECT_THAT(recorded, IsOk());
        }));
        racing.push_back(std::async(std::launch::async,
            [&, i, uuid] { EXPECT_THAT(store_answer(ids[std::size_t(i)], uuid, kStart + 20), IsOk()); }));
    }
    for (auto& future : racing)
        future.get();
    for (auto const& id : ids) {
        auto states = timeline(id);
        EXPECT_NE(std::find(states.begin(), states.end(), "delivered/callback"), states.end()) << id;
    }
    EXPECT_EQ(kept_count(), 0);
}

MMSGATE_ON_EVERY_BACKEND(EarlyReportsTest);

}
}
