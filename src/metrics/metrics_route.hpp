#pragma once
// GET /metrics: the registry in the Prometheus text format. Metrics tell an outsider how busy the
// service is and which routes exist, so only these may read them: a loopback client that no proxy
// forwarded (no forwarding header at all, and a loopback name as Host: a reverse proxy on the same
// host would otherwise make every visitor "loopback"; with MMSGATE_TRUSTED_PROXIES set, loopback is
// never enough), or any client with
// `Authorization: Bearer <token>` when a token is configured. Others get 403.
#include "http/router.hpp"
#include "metrics/registry.hpp"

namespace mmsgate {

// `bearer_token` empty: loopback only.
void add_metrics_route(Router& router, std::shared_ptr<MetricsRegistry> registry, std::string bearer_token);

[[nodiscard]] bool may_read_metrics(Request const& request, std::string_view bearer_token);
// True when `token` is set and the request carries it as its bearer token (compared in constant time).
[[nodiscard]] bool has_metrics_bearer_token(Request const& request, std::string_view token);

}
