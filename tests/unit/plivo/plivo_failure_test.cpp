#include "plivo/plivo_failure.hpp"

#include "plivo/detail/curl_transfer.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(RetryClassification, FollowsThePlivoTable)
{
    struct Row {
        int status;
        PlivoCallOutcome expected;
    };
    Row const table[] = {
        { 429, PlivoCallOutcome::RetrySafely }, { 503, PlivoCallOutcome::RetrySafely }, { 408, PlivoCallOutcome::RetrySafely },
        { 500, PlivoCallOutcome::Ambiguous }, { 502, PlivoCallOutcome::Ambiguous }, { 504, PlivoCallOutcome::Ambiguous },
        { 599, PlivoCallOutcome::Ambiguous }, { 400, PlivoCallOutcome::Rejected }, { 401, PlivoCallOutcome::Rejected },
        { 403, PlivoCallOutcome::Rejected }, { 404, PlivoCallOutcome::Rejected }, { 405, PlivoCallOutcome::Rejected },
        { 409, PlivoCallOutcome::Rejected }, { 422, PlivoCallOutcome::Rejected }, { 301, PlivoCallOutcome::Rejected },
    };
    for (auto const& row : table) {
        PlivoFailure failure { PlivoFailureKind::Rejected, row.status, "x", "", std::nullopt };
        EXPECT_EQ(classify(failure), row.expected) << row.status;
    }
}

TEST(RetryClassification, TransportFailuresFollowWhetherTheRequestWasSent)
{
    EXPECT_EQ(classify(PlivoFailure { PlivoFailureKind::NeverSent }), PlivoCallOutcome::RetrySafely);
    EXPECT_EQ(classify(PlivoFailure { PlivoFailureKind::OutcomeUnknown }), PlivoCallOutcome::Ambiguous);
    EXPECT_EQ(classify(PlivoFailure { PlivoFailureKind::MalformedResponse, 200 }), PlivoCallOutcome::Ambiguous);
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
