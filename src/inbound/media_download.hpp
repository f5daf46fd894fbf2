#pragma once
// Downloads one incoming media file for the copier, defensively: only from an allowed host name,
// only over https (plain http to a loopback address only with the test-only setting), never a URL
// with `\` or `@`, only to an address that was resolved and checked here (the URL curl gets is
// rebuilt from the checked parse and its connection pinned with CURLOPT_CONNECT_TO, so neither
// curl's own reading of the URL nor a second DNS answer can differ), no redirects, no proxy, a
// size cap and a time limit.
// Blocking: the copier calls it on its own thread.
#include "config/config.hpp"

#include <atomic>
#include <string>

namespace mmsgate {

struct MediaDownload {
    enum class Outcome {
        Fetched, // bytes holds the file
        Refused, // the URL is not allowed: it was never fetched, and never will be
        Failed, // the host answered that it has no such file (4xx): trying again will not help
        RetryLater, // the host failed or could not be reached: try again later
    };
    Outcome outcome = Outcome::RetryLater;
    std::string bytes;
    std::string error; // why, for logs and last_error
};

// A download in progress ends (RetryLater) soon after `stopping` turns true: shutdown never waits
// for a slow host.
[[nodiscard]] MediaDownload download_media(std::string const& url, InboundMediaSettings const& settings,
    std::string const& ca_bundle, std::atomic<bool> const& stopping);

}
