#pragma once
// The simulator's copy of Plivo's checks on POST .../Message/ (docs/plivo-api.md 2.1, 2.2): what makes
// Plivo answer 400, and which destinations of a '<'-joined dst go to `invalid_number`.
// Error strings follow Plivo's style ("'1111111' is not a valid phone number."); most are not verbatim.
#include <nlohmann/json_fwd.hpp>

#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mmsgate {

inline constexpr std::size_t kMaxMediaPerMessage = 10;
inline constexpr std::size_t kMaxTextCharacters = 1600;

struct ValidatedMessage {
    std::string source = {}; // digits
    std::vector<std::string> destinations = {}; // digits, one message each, in request order
    std::vector<std::string> invalid_numbers = {}; // as written in dst
    std::string type = {}; // sms or mms
    std::string text = {};
    std::vector<std::string> media_urls = {};
    std::vector<std::string> media_ids = {};
    std::string callback_url = {};
    std::string callback_method = {}; // GET or POST
};

// Plivo's sanitising: '/', '-', '.', '+', '(', ')' and spaces are removed.
[[nodiscard]] std::string sanitize_number(std::string_view number);
// A sanitized number: 8 to 14 digits, no leading 0.
[[nodiscard]] bool is_valid_number(std::string_view digits);
// A North American number (country code 1, area code and exchange starting 2-9): MMS needs one.
[[nodiscard]] bool is_north_american_number(std::string_view digits);

// The 400 error string on failure. `media_exists` says whether a media_id was uploaded.
[[nodiscard]] std::expected<ValidatedMessage, std::string> validate_send_message(
    nlohmann::json const& body, std::function<bool(std::string const&)> const& media_exists);

}
