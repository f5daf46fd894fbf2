#include "messaging/message_feed.hpp"

#include <algorithm>

namespace mmsgate {

namespace {

// A client that stops reading must not make the server hold an ever-growing queue.
constexpr std::size_t kMaxQueuedChanges = 1000;

}

std::shared_ptr<MessageFeed::Subscription> MessageFeed::subscribe(std::string user_id, bool sees_everyone)
{
    auto subscription = std::make_shared<Subscription>();
    subscription->m_user_id = std::move(user_id);
    subscription->m_sees_everyone = sees_everyone;
    std::lock_guard lock(m_mutex);
    m_subscriptions.push_back(subscription);
    return subscription;
}

void MessageFeed::unsubscribe(std::shared_ptr<Subscription> const& subscription)
{
    std::lock_guard lock(m_mutex);
    std::erase(m_subscriptions, subscription);
}

void MessageFeed::publish(std::vector<MessageRecord> const& messages)
{
    std::lock_guard lock(m_mutex);
    for (auto const& subscription : m_subscriptions) {
        std::lock_guard queue_lock(subscription->m_mutex);
        bool added = false;
        for (auto const& message : messages) {
            if (!subscription->m_sees_everyone && message.user_id != subscription->m_user_id)
                continue;
            if (subscription->m_queue.size() >= kMaxQueuedChanges)
                subscription->m_queue.pop_front();
            subscription->m_queue.push_back(message);
            added = true;
        }
        if (added && subscription->m_timer) {
            auto timer = subscription->m_timer;
            net::post(timer->get_executor(), [timer] { timer->cancel(); });
        }
    }
}

void MessageFeed::publish_event(FeedEvent const& event)
{
    std::lock_guard lock(m_mutex);
    for (auto const& subscription : m_subscriptions) {
        std::lock_guard queue_lock(subscription->m_mutex);
        if (subscription->m_events.size() >= kMaxQueuedChanges)
            subscription->m_events.pop_front();
        subscription->m_events.push_back(event);
        if (subscription->m_timer) {
            auto timer = subscription->m_timer;
            net::post(timer->get_executor(), [timer] { timer->cancel(); });
        }
    }
}

std::vector<FeedEvent> MessageFeed::Subscription::take_events()
{
    std::lock_guard lock(m_mutex);
    std::vector<FeedEvent> events(m_events.begin(), m_events.end());
    m_events.clear();
    return events;
}

std::size_t MessageFeed::subscriber_count() const
{
    std::lock_guard lock(m_mutex);
    return m_subscriptions.size();
}

Awaitable<std::vector<MessageRecord>> MessageFeed::Subscription::next(std::chrono::milliseconds timeout)
{
    auto timer = std::make_shared<net::steady_timer>(co_await net::this_coro::executor, timeout);
    bool must_wait = false;
    {
        std::lock_guard lock(m_mutex);
        must_wait = m_queue.empty() && m_events.empty();
        if (must_wait)
            m_timer = timer;
    }
    if (must_wait) {
        boost::system::error_code ignored;
        co_await timer->async_wait(net::redirect_error(net::use_awaitable, ignored));
    }
    std::lock_guard lock(m_mutex);
    m_timer.reset();
    std::vector<MessageRecord> changes(m_queue.begin(), m_queue.end());
    m_queue.clear();
    co_return changes;
}

}
