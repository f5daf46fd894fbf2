// The webhook outbox and delivery queue on both backends: enqueueing, per-endpoint order, leases,
// retries, automatic disabling, replays.
#include "messaging/send/send_store.hpp"
#include "support/store_fixture.hpp"
#include "support/stored_send.hpp"
#include "webhooks/events/webhook_events.hpp"
#include "webhooks/webhook_signature.hpp"
#include "webhooks/webhook_store.hpp"

namespace mmsgate::testing {
namespace {

constexpr Millis kStart = 1'800'000'000'000;

class WebhookQueueTest : public OpenDatabaseTest {
protected:
    WebhookEndpoint add_endpoint(std::vector<std::string> events, bool enabled = true)
    {
        WebhookEndpoint endpoint;
        endpoint.id = new_cuid();
        endpoint.url = "http://127.0.0.1:9/hook";
        endpoint.events = std::move(events);
        endpoint.secret = new_webhook_secret();
        endpoint.allow_private_address = true;
        endpoint.enabled = enabled;
        endpoint.created_at = kStart;
        endpoint.updated_at = kStart;
        EXPECT_THAT(m_database->write_blocking<void>([&](SqlConnection& c) { return insert_webhook_endpoint(c, endpoint); }), IsOk());
        return endpoint;
    }

    std::optional<std::string> enqueue(std::string_view type, Millis at, std::string number = "+14155550111")
    {
        WebhookEvent event = type == kContactOptedOut
            ? contact_opted_out_event({ number, "+14155550100", "keyword", "STOP", at })
            : contact_opted_in_event({ number, "+14155550100", "keyword", "START", at });
        auto id = m_database->write_blocking<std::optional<std::string>>([&](SqlConnection& c) { return enqueue_event(c, event); });
        EXPECT_THAT(id, IsOk());
        return id ? *id : std::nullopt;
    }

    std::vector<ClaimedDelivery> claim(std::string const& owner, Millis now, int limit = 10)
    {
        auto claimed = m_database->write_blocking<std::vector<ClaimedDelivery>>(
            [&](SqlConnection& c) { return claim_due_deliveries(c, owner, now, now + 60'000, limit); });
        EXPECT_THAT(claimed, IsOk());
        return claimed ? *claimed : std::vector<ClaimedDelivery> {};
    }

    bool record(ClaimedDelivery const& delivery, std::string const& owner, DeliveryVerdict verdict, Millis at, Millis next,
        std::optional<std::string> disable = std::nullopt)
    {
        DeliveryAttempt attempt { delivery.id, delivery.endpoint.id, owner, at, verdict == DeliveryVerdict::Delivered ? 200 : 500, 12,
            "ok", verdict == DeliveryVerdict::Delivered ? std::nullopt : std::optional<std::string>("the receiver answered 500") };
        auto recorded = m_database->write_blocking<bool>(
            [&](SqlConnection& c) { return record_delivery_attempt(c, attempt, verdict, next, disable); });
        EXPECT_THAT(recorded, IsOk());
        return recorded && *recorded;
    }
};

TEST_P(WebhookQueueTest, NothingIsStoredWithoutASubscribedEnabledEndpoint)
{
    add_endpoint({ std::string(kContactOptedIn) });
    add_endpoint({ std::string(kContactOptedOut) }, false);
    EXPECT_EQ(enqueue(kContactOptedOut, kStart), std::nullopt);
    auto events = m_database->read_blocking<std::int64_t>([](SqlConnection& c) -> Result<std::int64_t> {
        auto rows = c.execute("SELECT count(*) FROM mmsgate_webhook_event");
        if (!rows)
            return std::unexpected(rows.error());
        return rows->rows[0].integer(0);
    });
    EXPECT_EQ(events.value_or(-1), 0);
}

TEST_P(WebhookQueueTest, AnEndpointGetsItsEventsOneAtATimeInEventOrder)
{
    auto endpoint = add_endpoint({ std::string(kContactOptedOut), std::string(kContactOptedIn) });
    auto later = enqueue(kContactOptedIn, kStart + 10);
    auto earlier = enqueue(kContactOptedOut, kStart + 5);
    ASSERT_TRUE(later && earlier);

    auto first = claim("a", kStart + 100);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].event_id, *earlier);
    EXPECT_EQ(first[0].attempts, 1);
    EXPECT_TRUE(first[0].body.find(R"("type":"contact.opted_out")") != std::string::npos) << first[0].body;
    // Leased: another instance gets nothing, not even the later event.
    EXPECT_TRUE(claim("b", kStart + 200).empty());

    // A failure waits for its retry, and the later event waits behind it.
    EXPECT_TRUE(record(first[0], "a", DeliveryVerdict::RetryLater, kStart + 300, kStart + 5'000));
    EXPECT_TRUE(claim("b", kStart + 1'000).empty());
    auto retried = claim("b", kStart + 5'000);
    ASSERT_EQ(retried.size(), 1u);
    EXPECT_EQ(retried[0].event_id, *earlier);
    EXPECT_EQ(retried[0].attempts, 2);
    // The lease holder records; an instance whose lease was taken over cannot.
    EXPECT_FALSE(record(retried[0], "a", DeliveryVerdict::Delivered, kStart + 5'100, kStart + 5'100));
    EXPECT_TRUE(record(retried[0], "b", DeliveryVerdict::Delivered, kStart + 5'100, kStart + 5'100));

    auto next = claim("a", kStart + 5'200);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].event_id, *later);
}

TEST_P(WebhookQueueTest, EndpointsDoNotWaitForEachOther)
{
    auto failing = add_endpoint({ std::string(kContactOptedOut) });
    auto healthy = add_endpoint({ std::string(kContactOptedOut) });
    enqueue(kContactOptedOut, kStart + 1, "+14155550111");
    enqueue(kContactOptedOut, kStart + 2, "+14155550112");
    auto claimed = claim("a", kStart + 100);
    ASSERT_EQ(claimed.size(), 2u);
    for (auto const& delivery : claimed) {
        auto verdict = delivery.endpoint.id == failing.id ? DeliveryVerdict::RetryLater : DeliveryVerdict::Delivered;
        EXPECT_TRUE(record(delivery, "a", verdict, kStart + 200, kStart + 60'000));
    }
    auto next = claim("a", kStart + 300);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].endpoint.id, healthy.id);
}

TEST_P(WebhookQueueTest, ADisabledEndpointKeepsItsDeliveriesUntilEnabledAgain)
{
    auto endpoint = add_endpoint({ std::string(kContactOptedOut) });
    enqueue(kContactOptedOut, kStart + 1);
    auto claimed = claim("a", kStart + 100);
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_TRUE(record(claimed[0], "a", DeliveryVerdict::RetryLater, kStart + 200, kStart + 300, "failing for a day"));
    auto stored = m_database->read_blocking<std::optional<WebhookEndpoint>>([&](SqlConnection& c) { return find_webhook_endpoint(c, endpoint.id); });
    ASSERT_THAT(stored, IsOk());
    ASSERT_TRUE(*stored);
    EXPECT_FALSE((*stored)->enabled);
    EXPECT_EQ((*stored)->disabled_reason, "failing for a day");
    EXPECT_EQ((*stored)->consecutive_failures, 1);
    EXPECT_EQ((*stored)->failing_since, kStart + 200);
    EXPECT_TRUE(claim("a", kStart + 10'000).empty());

    auto enabled = **stored;
    enabled.enabled = true;
    ASSERT_THAT(m_database->write_blocking<void>([&](SqlConnection& c) { return update_webhook_endpoint(c, enabled, true, kStart + 20'000); }), IsOk());
    auto resumed = claim("a", kStart + 20'000);
    ASSERT_EQ(resumed.size(), 1u);
    EXPECT_EQ(resumed[0].endpoint.consecutive_failures, 0);
    EXPECT_FALSE(resumed[0].endpoint.failing_since);
}

TEST_P(WebhookQueueTest, AReplaySendsTheSameEventAgain)
{
    auto endpoint = add_endpoint({ std::string(kContactOptedOut) });
    auto id = enqueue(kContactOptedOut, kStart + 1);
    auto claimed = claim("a", kStart + 100);
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_TRUE(record(claimed[0], "a", DeliveryVerdict::Delivered, kStart + 200, kStart + 200));
    EXPECT_TRUE(claim("a", kStart + 300).empty());

    ASSERT_THAT(m_database->write_blocking<bool>([&](SqlConnection& c) { return replay_delivery(c, claimed[0].id, kStart + 400); }), IsOk());
    auto replayed = claim("a", kStart + 400);
    ASSERT_EQ(replayed.size(), 1u);
    EXPECT_EQ(replayed[0].event_id, *id);
    EXPECT_EQ(replayed[0].body, claimed[0].body);
    EXPECT_TRUE(record(replayed[0], "a", DeliveryVerdict::Delivered, kStart + 500, kStart + 500));

    // A range replay also brings events the endpoint never had (it subscribed later).
    auto late = add_endpoint({ std::string(kContactOptedOut) });
    auto count = m_database->write_blocking<int>([&](SqlConnection& c) { return replay_range(c, late, kStart, kStart + 10, kStart + 600); });
    ASSERT_THAT(count, IsOk());
    EXPECT_EQ(*count, 1);
    auto backfilled = claim("a", kStart + 600);
    ASSERT_EQ(backfilled.size(), 1u);
    EXPECT_EQ(backfilled[0].endpoint.id, late.id);
    EXPECT_EQ(backfilled[0].event_id, *id);
}

// Finished deliveries leave the log after the retention; a pending one stays however old, and its
// event with it.
TEST_P(WebhookQueueTest, PruningForgetsFinishedDeliveriesAndKeepsPendingOnes)
{
    auto endpoint = add_endpoint({ std::string(kContactOptedOut) });
    enqueue(kContactOptedOut, kStart + 1, "+14155550111");
    auto first = claim("a", kStart + 100);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_TRUE(record(first[0], "a", DeliveryVerdict::Delivered, kStart + 200, kStart + 200));
    auto pending_event = enqueue(kContactOptedOut, kStart + 300, "+14155550112");

    constexpr Millis kFarFuture = 4'000'000'000'000;
    auto pruned = m_database->write_blocking<int>([&](SqlConnection& c) { return prune_webhook_history(c, kFarFuture); });
    ASSERT_THAT(pruned, IsOk());
    EXPECT_EQ(*pruned, 1);
    auto left = m_database->write_blocking<std::vector<DeliveryRecord>>(
        [&](SqlConnection& c) { return list_deliveries(c, endpoint.id, std::nullopt, 100); });
    ASSERT_THAT(left, IsOk());
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ(left->front().event_id, *pending_event);
    auto still_due = claim("a", kStart + 400);
    ASSERT_EQ(still_due.size(), 1u);
    EXPECT_EQ(still_due[0].event_id, *pending_event);
}

TEST_P(WebhookQueueTest, AMessageStateChangeEnqueuesItsEventInTheSameTransaction)
{
    add_endpoint({ std::string(kMessageStateChanged) });
    auto send = one_text_send("+14155550111", kStart);
    auto const& request = send.request;
    auto const& message = send.message;
    // The write fails after storing the message: its event must be gone with it.
    auto failed = m_database->write_blocking<void>([&](SqlConnection& c) -> Result<void> {
        if (auto stored = insert_send_request(c, request, { message }, std::nullopt, std::nullopt); !stored)
            return stored;
        return fail(ErrorCode::Internal, "rolled back on purpose");
    });
    EXPECT_FALSE(failed);
    EXPECT_TRUE(claim("a", kStart + 100).empty());

    ASSERT_THAT(m_database->write_blocking<void>([&](SqlConnection& c) {
        return insert_send_request(c, request, { message }, std::nullopt, std::nullopt);
    }), IsOk());
    auto claimed = claim("a", kStart + 100'000'000);
    ASSERT_EQ(claimed.size(), 1u);
    auto body = nlohmann::json::parse(claimed[0].body);
    EXPECT_EQ(body["type"], "message.state_changed");
    EXPECT_EQ(body["data"]["messageId"], message.id);
    EXPECT_EQ(body["data"]["state"], "accepted");
    EXPECT_EQ(body["data"]["from"], "+14155550100");
    EXPECT_EQ(body["data"]["to"], "+14155550111");
}

MMSGATE_ON_EVERY_BACKEND(WebhookQueueTest);

}
}
