#pragma once
// Fans out message state changes to the signed-in users' live streams (Server-Sent Events).
#include "core/asio.hpp"
#include "messaging/message.hpp"

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace mmsgate {

class MessageFeed {
public:
    class Subscription {
    public:
        // The next batch of changes, or nothing after `timeout` (the caller sends a keep-alive).
        [[nodiscard]] Awaitable<std::vector<MessageRecord>> next(std::chrono::milliseconds timeout);

    private:
        friend class MessageFeed;
        std::mutex m_mutex;
        std::deque<MessageRecord> m_queue;
        std::shared_ptr<net::steady_timer> m_timer;
        bool m_sees_everyone = false;
        std::string m_user_id;
    };

    [[nodiscard]] std::shared_ptr<Subscription> subscribe(std::string user_id, bool sees_everyone);
    void unsubscribe(std::shared_ptr<Subscription> const& subscription);
    void publish(std::vector<MessageRecord> const& messages);
    [[nodiscard]] std::size_t subscriber_count() const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<Subscription>> m_subscriptions;
};

}
