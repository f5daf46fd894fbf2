#pragma once
// DNS-rebinding defence: a request must name this server in its Host header. A web page an
// attacker serves can point its own name at this server's address, but the browser then sends
// the attacker's name as Host, which no configured URL matches: such requests get 421 before any
// handler runs.
#include "http/request.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mmsgate {

class HostGuard {
public:
    // `public_urls`: the URLs people and Plivo use (NEXTAUTH_URL, MMSGATE_PUBLIC_URL): a Host equal to
    // one's host and port passes. Loopback names (localhost, 127.0.0.1, [::1], …) with
    // `listening_port` pass when the peer is on loopback too and no proxy is declared (a proxy on
    // this host that passes its upstream's name would otherwise let every internet request in):
    // local tools and health checks, and the only names a local start has.
    HostGuard(std::vector<std::string> const& public_urls, std::uint16_t listening_port);

    // Requests for this exact path pass whatever their Host (health checks by IP address).
    void exempt_path(std::string path) { m_exempt_paths.push_back(std::move(path)); }
    // Requests the predicate accepts pass whatever their Host (e.g. a scraper with the metrics token).
    void exempt_when(std::function<bool(Request const&)> predicate) { m_exemptions.push_back(std::move(predicate)); }

    [[nodiscard]] bool allows(Request const& request) const;
    // The accepted hosts, "host:port", for log lines and errors.
    [[nodiscard]] std::string describe() const;

private:
    struct Accepted {
        std::string scheme;
        std::string host;
        std::uint16_t port = 0;
    };
    [[nodiscard]] bool names_accepted_host(std::string_view host_header, bool local_client) const;

    std::vector<Accepted> m_accepted;
    std::uint16_t m_listening_port;
    std::vector<std::string> m_exempt_paths;
    std::vector<std::function<bool(Request const&)>> m_exemptions;
};

}
