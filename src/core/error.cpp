#include "core/error.hpp"

namespace mmsgate {

const char* to_string(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::Unauthenticated: return "unauthenticated";
    case ErrorCode::PermissionDenied: return "permission_denied";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::AlreadyExists: return "already_exists";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::ResourceExhausted: return "resource_exhausted";
    case ErrorCode::UpstreamRejected: return "upstream_rejected";
    case ErrorCode::Unavailable: return "unavailable";
    case ErrorCode::DeadlineExceeded: return "deadline_exceeded";
    case ErrorCode::Internal: return "internal";
    case ErrorCode::UnsupportedMediaType: return "unsupported_media_type";
    case ErrorCode::PayloadTooLarge: return "payload_too_large";
    }
    return "internal";
}

}
