#include "http/host_guard.hpp"

#include "core/url.hpp"

#include <algorithm>

namespace mmsgate {

HostGuard::HostGuard(std::vector<std::string> const& public_urls, std::uint16_t listening_port)
    : m_listening_port(listening_port)
{
    for (auto const& text : public_urls) {
        if (auto url = parse_http_url(text))
            m_accepted.push_back({ url->scheme, url->host, url->effective_port() });
    }
}

bool HostGuard::names_accepted_host(std::string_view host_header, bool local_client) const
{
    for (auto const& accepted : m_accepted) {
        auto named = parse_authority(host_header, accepted.scheme);
        if (named && named->host == accepted.host && named->effective_port() == accepted.port)
            return true;
    }
    if (!local_client)
        return false;
    auto named = parse_authority(host_header, "http");
    return named && is_loopback_host(named->host) && named->effective_port() == m_listening_port;
}

bool HostGuard::allows(Request const& request) const
{
    auto path = request.path();
    if (std::ranges::find(m_exempt_paths, path) != m_exempt_paths.end())
        return true;
    // Exactly one Host (RFC 9112 3.2: more than one, or none in HTTP/1.1, is a bad request).
    if (request.message.count(http::field::host) == 1
        && names_accepted_host(request.header(http::field::host), request.is_local_client()))
        return true;
    return std::ranges::any_of(m_exemptions, [&](auto const& exemption) { return exemption(request); });
}

std::string HostGuard::describe() const
{
    std::string out;
    for (auto const& accepted : m_accepted)
        out += (out.empty() ? "" : ", ") + accepted.host + ":" + std::to_string(accepted.port);
    out += std::string(out.empty() ? "" : ", ") + "loopback names:" + std::to_string(m_listening_port)
        + " from loopback";
    return out;
}

}
