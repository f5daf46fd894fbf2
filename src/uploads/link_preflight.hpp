#pragma once
// Is a media link fit for Plivo, before any money is spent? One GET through checked_fetch (every
// resolved address checked, the connection pinned to it, at most 3 redirects under the same rules,
// MMSGATE_PREFLIGHT_TIMEOUT_MS for all of it), read up to the headers. Refused: no answer in time,
// a status other than 2xx, no or an invalid Content-Type, no Content-Length, over Plivo's 5 MB, or
// any address the rules refuse; too_large: over the carrier target (MMSGATE_MEDIA_TARGET_BYTES).
#include "config/config.hpp"
#include "core/asio.hpp"
#include "fetch/checked_fetch.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace mmsgate {

inline constexpr std::int64_t kPlivoMaxMediaBytes = 5 * 1024 * 1024;
inline constexpr int kPreflightMaxRedirects = 3;

struct PreflightVerdict {
    std::string verdict = "refused"; // ok | too_large | refused
    std::string reason;
    std::optional<long> status;
    std::optional<std::string> content_type;
    std::optional<std::int64_t> content_length;
    bool image = false; // JPEG, PNG or GIF by its Content-Type (what "fetch, fit and attach" takes)

    [[nodiscard]] nlohmann::json to_json() const;
};

// The fetch rules links are checked under (headers_only for a preflight, else up to max_bytes).
[[nodiscard]] CheckedFetchRules link_fetch_rules(UploadSettings const& settings, std::string const& ca_bundle, bool headers_only);

[[nodiscard]] Awaitable<PreflightVerdict> preflight_link(UploadSettings const& settings, std::string ca_bundle, std::string url);

}
