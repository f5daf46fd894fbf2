#pragma once
// Media URLs for an MMS: Plivo fetches each one from the public internet, so a URL it cannot reach
// (relative, non-http, private network, with credentials) would only fail later, after the send.
#include "core/error.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace mmsgate {

// The common limit of browsers and web servers; Plivo documents none, so a longer URL is refused here.
inline constexpr std::size_t kMaxMediaUrlLength = 2048;

// Where a URL came from in the request: `field` is the JSON key ("mediaUrl", "mediaUrls") and goes into
// Error::field; `index` is its position when the field is an array, and shows in the message
// ("mediaUrls[2] must start with https://").
struct MediaUrlSource {
    std::string_view field;
    std::optional<std::size_t> index = std::nullopt;
};

// Accepts an absolute http:// or https:// URL of at most kMaxMediaUrlLength characters, printable
// ASCII only, without "user:password@", whose host is a public name or address (not localhost, not a
// private, loopback, link-local or otherwise non-public IP literal, not a numeric host in a form only
// some resolvers read). Errors are InvalidArgument on source.field.
[[nodiscard]] Result<void> validate_media_url(std::string_view url, MediaUrlSource source);

}
