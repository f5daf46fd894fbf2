#pragma once
// The error texts more than one route answers with, in one place (details go to the log only).
#include <string_view>

namespace mmsgate {

// What a person is told when the database cannot be reached.
inline constexpr std::string_view kDatabaseUnavailable = "The database is unavailable; try again";
// What a refused cross-site request is told (403).
inline constexpr std::string_view kCrossSiteRefused = "Cross-site requests are not allowed";
inline constexpr std::string_view kUnauthorized = "Unauthorized";
inline constexpr std::string_view kNotFound = "Not found";
inline constexpr std::string_view kMethodNotAllowed = "Method not allowed";
inline constexpr std::string_view kInternalError = "Internal server error";
// Plivo's callbacks (inbound messages, delivery reports).
inline constexpr std::string_view kInvalidPlivoSignature = "Invalid Plivo signature";
inline constexpr std::string_view kReplayedPlivoSignature = "This Plivo signature was used before";

}
