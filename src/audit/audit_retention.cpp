#include "audit/audit_retention.hpp"

#include "audit/audit_query.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

constexpr auto kPruneEvery = std::chrono::hours(1);

}

AuditRetention::AuditRetention(net::io_context& io, Database& database, int retention_days)
    : m_database(database)
    , m_keep_for(Millis(retention_days) * 24 * 3600 * 1000)
    , m_timer(std::make_shared<net::steady_timer>(io))
{
}

void AuditRetention::start()
{
    net::co_spawn(m_timer->get_executor(), [self = shared_from_this()] { return self->loop(); }, net::detached);
}

void AuditRetention::stop()
{
    m_stopping = true;
    net::post(m_timer->get_executor(), [timer = m_timer] { timer->cancel(); });
}

Awaitable<void> AuditRetention::loop()
{
    while (!m_stopping) {
        auto before = now_millis() - m_keep_for;
        auto pruned = co_await m_database.write<int>([before](SqlConnection& connection) { return prune_audit_log(connection, before); });
        if (!pruned)
            spdlog::warn("audit log: cannot prune old entries: {} ({})", pruned.error().message, pruned.error().detail);
        else if (*pruned > 0)
            spdlog::info("audit log: pruned {} entr(ies) older than the retention", *pruned);
        m_timer->expires_after(kPruneEvery);
        boost::system::error_code ignored;
        co_await m_timer->async_wait(net::redirect_error(net::use_awaitable, ignored));
    }
}

}
