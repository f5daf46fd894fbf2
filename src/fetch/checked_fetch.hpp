#pragma once
// One GET of a URL someone else chose, defensively: never a URL with `\` or `@` (where URL parsers
// disagree on the host) or credentials; https only (plain http only to a loopback address, and only
// with a test setting); every address the host resolves to is checked against the public-address
// rules (core/ip_address_ranges.hpp) and the connection pinned to the checked address with
// CURLOPT_CONNECT_TO (no second DNS answer can differ: no rebinding window); curl gets the URL
// rebuilt from the checked parse; no proxy; redirects are followed here, at most max_redirects, each
// checked like the first URL; a size cap and a time limit for the whole exchange.
// Blocking: call it on a thread of its own, never on an I/O thread.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace mmsgate {

struct CheckedFetchRules {
    std::size_t max_bytes = 5 * 1024 * 1024;
    std::chrono::milliseconds timeout { 10000 };
    int max_redirects = 0;
    // Stop at the first byte of the body: status and headers are all the caller needs.
    bool headers_only = false;
    // Tests only: loopback addresses may be used, over plain http too. `loopback_port` limits that
    // to one port (0: any port).
    bool allow_loopback = false;
    std::uint16_t loopback_port = 0;
    std::string ca_bundle = {};
    std::string user_agent = "mmsgate";
    // A transfer in progress ends (Unreachable) soon after this turns true.
    std::atomic<bool> const* stopping = nullptr;
};

struct CheckedFetch {
    enum class Outcome {
        Fetched, // a 2xx answer: status, headers and (unless headers_only) bytes
        Refused, // the URL or an address it leads to is not allowed; nothing was sent there
        NotSuccess, // the host answered with a status that is not 2xx (a redirect too many included)
        TooLarge, // the body is larger than max_bytes (Content-Length or counted)
        Unreachable, // no DNS answer, no connection, a time-out, a transfer error
    };
    Outcome outcome = Outcome::Unreachable;
    long status = 0;
    std::optional<std::string> content_type;
    std::optional<std::int64_t> content_length;
    std::string bytes;
    std::string error; // why, in words a person can act on
    bool timed_out = false;
    bool resolved = true; // false when the host had no DNS answer
};

[[nodiscard]] CheckedFetch checked_fetch(std::string const& url, CheckedFetchRules const& rules);

}
