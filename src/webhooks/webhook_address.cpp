#include "webhooks/webhook_address.hpp"

#include "core/ip_address_ranges.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace mmsgate {

Result<Url> validate_webhook_url(std::string_view text, bool allow_private_address)
{
    if (text.empty())
        return fail_field("url", "url is required");
    if (text.size() > kMaxWebhookUrlLength)
        return fail_field("url", fmt::format("url must be at most {} characters", kMaxWebhookUrlLength));
    if (!std::ranges::all_of(text, [](char c) { return c > 0x20 && c < 0x7f; }))
        return fail_field("url", "url must be printable ASCII without spaces");
    auto url = parse_http_url(text);
    if (!url)
        return fail_field("url", "url must be an absolute https:// URL");
    if (!url->user_info.empty())
        return fail_field("url", "url must not contain a user name or password");
    if (url->scheme != "https" && !allow_private_address)
        return fail_field("url", "url must start with https:// (plain http only for an endpoint allowed a private address)");
    if (!allow_private_address && is_private_or_local_host(url->host))
        return fail_field("url", "url must name a public host (allow a private address explicitly for an on-premise receiver)");
    return *url;
}

std::optional<std::string> refused_address_reason(net::ip::address const& address)
{
    auto range = address.is_v4() ? special_purpose_range(address.to_v4().to_bytes())
                                 : special_purpose_range(address.to_v6().to_bytes());
    if (!range)
        return std::nullopt;
    return fmt::format("{} is in {}", address.to_string(), *range);
}

namespace {

// Cloud metadata services answer on link-local addresses (169.254.169.254, fe80::a9fe:a9fe) and on
// fd00:ec2::254, and 0.0.0.0/8 and :: reach this machine: no on-premise receiver an admin means is
// there, so even an endpoint allowed a private address never connects to them.
bool never_a_receiver(net::ip::address const& address)
{
    auto v4 = address.is_v4() ? std::optional<Ipv4Address>(address.to_v4().to_bytes()) : embedded_ipv4(address.to_v6().to_bytes());
    if (v4)
        return ((*v4)[0] == 169 && (*v4)[1] == 254) || (*v4)[0] == 0;
    auto v6 = address.to_v6();
    auto bytes = v6.to_bytes();
    return (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) || v6.is_unspecified()
        || v6 == net::ip::make_address_v6("fd00:ec2::254");
}

}

Awaitable<Result<std::string>> resolve_webhook_address(Url const& url, bool allow_private_address)
{
    auto host = url.host;
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    net::ip::tcp::resolver resolver(co_await net::this_coro::executor);
    boost::system::error_code error;
    auto results = co_await resolver.async_resolve(host, std::to_string(url.effective_port()),
        net::redirect_error(net::use_awaitable, error));
    if (error || results.empty())
        co_return fail(ErrorCode::Unavailable, fmt::format("cannot resolve {}: {}", host, error ? error.message() : "no address"));
    std::optional<std::string> chosen;
    for (auto const& entry : results) {
        auto address = entry.endpoint().address();
        // An IPv4-mapped IPv6 answer is judged as the IPv4 address it is.
        if (!allow_private_address) {
            if (auto reason = refused_address_reason(address))
                co_return fail(ErrorCode::PermissionDenied, fmt::format("{} resolves to a non-public address: {}", host, *reason));
        } else if (never_a_receiver(address)) {
            co_return fail(ErrorCode::PermissionDenied,
                fmt::format("{} resolves to {}, a link-local or unspecified address, which no endpoint may reach", host,
                    address.to_string()));
        }
        if (!chosen)
            chosen = address.to_string();
    }
    co_return *chosen;
}

}
