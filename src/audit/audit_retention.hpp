#pragma once
// Deletes audit log entries older than the retention (MMSGATE_AUDIT_RETENTION_DAYS) once at start
// and then hourly. Every instance may run it: the DELETE is idempotent.
#include "core/asio.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

#include <atomic>
#include <memory>

namespace mmsgate {

class AuditRetention : public std::enable_shared_from_this<AuditRetention> {
public:
    AuditRetention(net::io_context& io, Database& database, int retention_days);
    void start();
    void stop();

private:
    Awaitable<void> loop();

    Database& m_database;
    Millis m_keep_for;
    std::shared_ptr<net::steady_timer> m_timer;
    std::atomic<bool> m_stopping { false };
};

}
