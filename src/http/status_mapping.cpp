#include "http/status_mapping.hpp"

namespace mmsgate {

http::status http_status_for(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return http::status::bad_request;
    case ErrorCode::Unauthenticated: return http::status::unauthorized;
    case ErrorCode::PermissionDenied: return http::status::forbidden;
    case ErrorCode::NotFound: return http::status::not_found;
    case ErrorCode::AlreadyExists: return http::status::conflict;
    case ErrorCode::Conflict: return http::status::unprocessable_entity;
    case ErrorCode::ResourceExhausted: return http::status::too_many_requests;
    case ErrorCode::UpstreamRejected: return http::status::bad_gateway;
    case ErrorCode::Unavailable: return http::status::service_unavailable;
    case ErrorCode::DeadlineExceeded: return http::status::gateway_timeout;
    case ErrorCode::Internal: return http::status::internal_server_error;
    case ErrorCode::UnsupportedMediaType: return http::status::unsupported_media_type;
    case ErrorCode::PayloadTooLarge: return http::status::payload_too_large;
    }
    return http::status::internal_server_error;
}

http::status http_status_for(ProtocolError error)
{
    switch (error) {
    case ProtocolError::MethodNotAllowed: return http::status::method_not_allowed;
    case ProtocolError::RequestTimeout: return http::status::request_timeout;
    case ProtocolError::PayloadTooLarge: return http::status::payload_too_large;
    case ProtocolError::MisdirectedRequest: return http::status::misdirected_request;
    case ProtocolError::HeadersTooLarge: return http::status::request_header_fields_too_large;
    }
    return http::status::bad_request;
}

}
