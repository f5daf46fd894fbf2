#include "plivo/plivo_failure.hpp"

#include "plivo/detail/curl_transfer.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(RetryClassification, FollowsThePlivoTable)
{
    struct Row {
        int status;
        RetryClass expected;
    };
    Row const table[] = {
        { 429, RetryClass::SafeToRetry }, { 503, RetryClass::SafeToRetry }, { 408, RetryClass::SafeToRetry },
        { 500, RetryClass::Ambiguous }, { 502, RetryClass::Ambiguous }, { 504, RetryClass::Ambiguous },
        { 599, RetryClass::Ambiguous }, { 400, RetryClass::Final }, { 401, RetryClass::Final },
        { 403, RetryClass::Final }, { 404, RetryClass::Final }, { 405, RetryClass::Final },
        { 409, RetryClass::Final }, { 422, RetryClass::Final }, { 301, RetryClass::Final },
    };
    for (auto const& row : table) {
        PlivoFailure failure { PlivoFailureKind::Rejected, row.status, "x", "", std::nullopt };
        EXPECT_EQ(classify(failure), row.expected) << row.status;
    }
}

TEST(RetryClassification, TransportFailuresFollowWhetherTheRequestWasSent)
{
    EXPECT_EQ(classify(PlivoFailure { PlivoFailureKind::NeverSent }), RetryClass::SafeToRetry);
    EXPECT_EQ(classify(PlivoFailure { PlivoFailureKind::OutcomeUnknown }), RetryClass::Ambiguous);
    EXPECT_EQ(classify(PlivoFailure { PlivoFailureKind::MalformedResponse, 200 }), RetryClass::Ambiguous);
    EXPECT_EQ(plivo_failure_from({ TransportFailureKind::NeverSent, "m" }).kind, PlivoFailureKind::NeverSent);
    EXPECT_EQ(plivo_failure_from({ TransportFailureKind::OutcomeUnknown, "m" }).kind, PlivoFailureKind::OutcomeUnknown);
}

TEST(TransportClassification, ConnectPhaseFailuresWereNeverSent)
{
    for (auto code : { CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
             CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL })
        EXPECT_EQ(classify_transport_failure(code, 5000), TransportFailureKind::NeverSent) << code;
    // A connect timeout or TLS failure ends before the pre-transfer point.
    for (auto code : { CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_RECV_ERROR })
        EXPECT_EQ(classify_transport_failure(code, 0), TransportFailureKind::NeverSent) << code;
}

TEST(TransportClassification, FailuresAfterTheRequestStartedAreUnknown)
{
    for (auto code : { CURLE_OPERATION_TIMEDOUT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
             CURLE_PARTIAL_FILE, CURLE_HTTP2_STREAM, CURLE_WRITE_ERROR })
        EXPECT_EQ(classify_transport_failure(code, 1), TransportFailureKind::OutcomeUnknown) << code;
}

}
