#pragma once
// Where a webhook may be sent: the public-address rules of media URLs (core/url.hpp,
// core/ip_address_ranges.hpp), checked when the URL is saved and again on every address DNS gives
// before each delivery; the delivery then connects to exactly the address that was checked.
// An endpoint an admin explicitly allowed a private address (an on-premise receiver) may use
// private and loopback addresses, and plain http.
#include "core/asio.hpp"
#include "core/error.hpp"
#include "core/url.hpp"

#include <string>
#include <string_view>

namespace mmsgate {

inline constexpr std::size_t kMaxWebhookUrlLength = 2048;

// https only (http with allow_private_address), no "user:password@", at most 2048 printable ASCII
// characters, and without allow_private_address a host that is not private, local or special.
// Errors are InvalidArgument on the field "url".
[[nodiscard]] Result<Url> validate_webhook_url(std::string_view url, bool allow_private_address);

// Resolves the URL's host and checks every address it resolves to (one special-purpose address
// refuses them all unless allow_private_address). Returns the checked address to connect to
// (IPv6 without brackets). Errors: Unavailable (DNS failed), PermissionDenied (refused address).
[[nodiscard]] Awaitable<Result<std::string>> resolve_webhook_address(Url const& url, bool allow_private_address);

// The reason an address is refused, or nullopt when it is public unicast.
[[nodiscard]] std::optional<std::string> refused_address_reason(net::ip::address const& address);

}
