#pragma once
// Fans out message state changes to the signed-in users' live streams (Server-Sent Events), and
// team-wide events (an incoming message, a conversation's summary) that every signed-in user sees.
#include "core/asio.hpp"
#include "messaging/message.hpp"

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace mmsgate {

// A team-wide event: its SSE name and its JSON text.
struct FeedEvent {
    std::string type;
    std::string data;
};

class MessageFeed {
public:
    class Subscription {
    public:
        // The next batch of changes, or nothing after `timeout` (the caller sends a keep-alive).
        // Team events are queued beside them: take_events() after next() returns them.
        [[nodiscard]] Awaitable<std::vector<MessageRecord>> next(std::chrono::milliseconds timeout);
        [[nodiscard]] std::vector<FeedEvent> take_events();

    private:
        friend class MessageFeed;
        std::mutex m_mutex;
        std::deque<MessageRecord> m_queue;
        std::deque<FeedEvent> m_events;
        std::shared_ptr<net::steady_timer> m_timer;
        bool m_sees_everyone = false;
        std::string m_user_id;
    };

    [[nodiscard]] std::shared_ptr<Subscription> subscribe(std::string user_id, bool sees_everyone);
    void unsubscribe(std::shared_ptr<Subscription> const& subscription);
    void publish(std::vector<MessageRecord> const& messages);
    void publish_event(FeedEvent const& event);
    [[nodiscard]] std::size_t subscriber_count() const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<Subscription>> m_subscriptions;
};

}
