#include "http/router.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

Handler answering(http::status status)
{
    return [status](Request&) -> Awaitable<Response> { co_return Response { status, 11 }; };
}

Router routes()
{
    Router router;
    router.add(http::verb::get, "/api/messages", answering(http::status::ok));
    router.add(http::verb::get, "/api/messages/{id}", answering(http::status::ok));
    router.add(http::verb::post, "/api/messages/{id}/resend", answering(http::status::accepted));
    router.add(http::verb::delete_, "/api/messages/{id}/resend", answering(http::status::no_content));
    return router;
}

}

TEST(Router, MatchesLiteralSegmentsAndNamesTheRoute)
{
    auto router = routes();
    Request request;
    auto match = router.match(http::verb::get, "/api/messages", request);
    ASSERT_NE(match.handler, nullptr);
    EXPECT_EQ(match.pattern, "/api/messages");
    EXPECT_EQ(match.stream, nullptr);
    EXPECT_TRUE(match.allowed_methods.empty());
}

TEST(Router, FillsPathParametersOnlyForTheRouteThatMatched)
{
    auto router = routes();
    Request request;
    auto match = router.match(http::verb::post, "/api/messages/abc123/resend", request);
    ASSERT_NE(match.handler, nullptr);
    EXPECT_EQ(match.pattern, "/api/messages/{id}/resend");
    EXPECT_EQ(request.path_parameter("id"), "abc123");
}

TEST(Router, AnEmptyParameterSegmentDoesNotMatch)
{
    auto router = routes();
    Request request;
    auto match = router.match(http::verb::get, "/api/messages//resend", request);
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_TRUE(match.allowed_methods.empty());
}

TEST(Router, AnotherMethodOnAKnownPathListsTheAllowedOnes)
{
    auto router = routes();
    Request request;
    auto match = router.match(http::verb::put, "/api/messages/abc/resend", request);
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_EQ(match.allowed_methods, "POST, DELETE");
    EXPECT_EQ(match.pattern, "/api/messages/{id}/resend");
}

TEST(Router, HeadIsAnsweredByTheGetRoute)
{
    auto router = routes();
    Request request;
    auto match = router.match(http::verb::head, "/api/messages/x", request);
    ASSERT_NE(match.handler, nullptr);
    EXPECT_EQ(match.pattern, "/api/messages/{id}");
}

TEST(Router, TheFallbackAnswersUnknownPathsButNotAWrongMethod)
{
    auto router = routes();
    router.set_fallback(answering(http::status::not_found));
    Request request;
    auto unknown = router.match(http::verb::get, "/settings/team", request);
    ASSERT_NE(unknown.handler, nullptr);
    EXPECT_EQ(unknown.pattern, "(fallback)");
    auto wrong_method = router.match(http::verb::patch, "/api/messages", request);
    EXPECT_EQ(wrong_method.handler, nullptr);
    EXPECT_EQ(wrong_method.allowed_methods, "GET");
}

}
