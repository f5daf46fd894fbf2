#pragma once
// The API contract check (tests/openapi/check-responses.mjs) compares the answers the tests really
// got with docs/openapi.yaml. When MMSGATE_TEST_HTTP_RECORD names a file, every HttpClient exchange
// is appended to it as one JSON line: method, path, status, content type and the body (JSON bodies
// only). Test processes run in parallel: each line is one O_APPEND write.
#include "support/http_client.hpp"

#include <string>

namespace mmsgate::testing {

void record_exchange(std::string const& method, std::string const& url, HttpReply const& reply);

}
