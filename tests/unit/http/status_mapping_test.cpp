#include "http/response.hpp"
#include "http/status_mapping.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

TEST(StatusMapping, EveryErrorCodeHasItsDocumentedStatus)
{
    struct Row {
        ErrorCode code;
        http::status status;
    };
    for (auto [code, status] : { Row { ErrorCode::InvalidArgument, http::status::bad_request },
             Row { ErrorCode::Unauthenticated, http::status::unauthorized },
             Row { ErrorCode::PermissionDenied, http::status::forbidden },
             Row { ErrorCode::NotFound, http::status::not_found },
             Row { ErrorCode::AlreadyExists, http::status::conflict },
             Row { ErrorCode::Conflict, http::status::unprocessable_entity },
             Row { ErrorCode::ResourceExhausted, http::status::too_many_requests },
             Row { ErrorCode::UpstreamRejected, http::status::bad_gateway },
             Row { ErrorCode::Unavailable, http::status::service_unavailable },
             Row { ErrorCode::DeadlineExceeded, http::status::gateway_timeout },
             Row { ErrorCode::Internal, http::status::internal_server_error },
             Row { ErrorCode::UnsupportedMediaType, http::status::unsupported_media_type },
             Row { ErrorCode::PayloadTooLarge, http::status::payload_too_large } })
        EXPECT_EQ(http_status_for(code), status) << to_string(code);
}

TEST(StatusMapping, ProtocolErrorsHaveTheirOwnStatuses)
{
    EXPECT_EQ(http_status_for(ProtocolError::MethodNotAllowed), http::status::method_not_allowed);
    EXPECT_EQ(http_status_for(ProtocolError::RequestTimeout), http::status::request_timeout);
    EXPECT_EQ(http_status_for(ProtocolError::PayloadTooLarge), http::status::payload_too_large);
    EXPECT_EQ(http_status_for(ProtocolError::MisdirectedRequest), http::status::misdirected_request);
    EXPECT_EQ(http_status_for(ProtocolError::HeadersTooLarge), http::status::request_header_fields_too_large);
}

TEST(ErrorResponse, CarriesTheMappedStatusTheMessageAndTheFieldButNeverTheDetail)
{
    auto response = error_response(Error { ErrorCode::InvalidArgument, "to is missing", "secret detail", "to" });
    EXPECT_EQ(response.result(), http::status::bad_request);
    auto body = nlohmann::json::parse(response.body());
    EXPECT_EQ(body, (nlohmann::json { { "success", false }, { "error", "to is missing" }, { "field", "to" } }));
    EXPECT_EQ(response.body().find("secret detail"), std::string::npos);
    EXPECT_EQ(response[http::field::cache_control], "private, no-cache, no-store");
    EXPECT_EQ(error_response(ProtocolError::PayloadTooLarge, "too big").result(), http::status::payload_too_large);
    EXPECT_EQ(error_response(ErrorCode::NotFound, kNotFound).result(), http::status::not_found);
}

}
