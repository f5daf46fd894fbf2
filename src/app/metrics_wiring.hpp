#pragma once
// Registers mmsgate's gauges that are read at scrape time: connections, dispatcher load, queue
// depth and messages by state (the last two ask the database, only when someone scrapes).
#include "http/server.hpp"
#include "messaging/dispatch/dispatcher.hpp"
#include "metrics/registry.hpp"
#include "store/database.hpp"

#include <memory>

namespace mmsgate {

void register_application_metrics(MetricsRegistry& registry, std::weak_ptr<Server> server,
    std::shared_ptr<Dispatcher> dispatcher, Database& database);

}
