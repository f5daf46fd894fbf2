#include "plivo/plivo_wire.hpp"

#include "core/encoding.hpp"
#include "mmsgate/version.hpp"
#include "plivo/multipart.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mmsgate {

namespace {

using nlohmann::json;

PlivoAccount test_account()
{
    return { "https://api.plivo.test/", "MAXXXXXXXXXXXXXXXXXX", "secret-token", "" };
}

HttpOutcome response(int status, std::string body, HttpHeaders headers = {})
{
    return HttpResponse { status, std::move(headers), std::move(body) };
}

}

TEST(PlivoWire, SendMessageUsesPlivoFieldNamesAndJoinsDestinations)
{
    SendMessageRequest request;
    request.src = "+14155550100";
    request.dst = { "+14155550111", "+14155550122" };
    request.text = "hello";
    request.media_urls = { "https://example.com/a.png" };
    request.media_ids = { "801c2056-33ab-499c-80ef-58b574a462a2" };
    request.url = "https://app.example.com/api/plivo/status";
    auto http = make_send_message_request(test_account(), request);
    EXPECT_EQ(http.method, "POST");
    EXPECT_EQ(http.url, "https://api.plivo.test/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/");
    EXPECT_EQ(json::parse(http.body),
        json::parse(R"({"src":"+14155550100","dst":"+14155550111<+14155550122","text":"hello","type":"mms",
            "media_urls":["https://example.com/a.png"],"media_ids":["801c2056-33ab-499c-80ef-58b574a462a2"],
            "url":"https://app.example.com/api/plivo/status","method":"POST"})"));
    EXPECT_EQ(http.headers, (HttpHeaders {
                                { "Authorization", "Basic " + base64_encode("MAXXXXXXXXXXXXXXXXXX:secret-token") },
                                { "Accept", "application/json" },
                                { "User-Agent", std::string("mmsgate/") + kVersion },
                                { "Content-Type", "application/json" },
                            }));
}

TEST(PlivoWire, SendMessageOmitsEmptyOptionalFieldsButAlwaysSendsType)
{
    SendMessageRequest request;
    request.src = "14155550100";
    request.dst = { "14155550111" };
    request.media_urls = { "https://example.com/a.png" };
    auto body = send_message_body(request);
    EXPECT_EQ(body, json::parse(R"({"src":"14155550100","dst":"14155550111","type":"mms",
        "media_urls":["https://example.com/a.png"]})"));
}

TEST(PlivoWire, GetAndListBuildPlivoPathsWithTrailingSlash)
{
    auto get = make_get_message_request(test_account(), "5b40a428-bfc7-4daf-9d06-726c558bf3b8");
    EXPECT_EQ(get.method, "GET");
    EXPECT_EQ(get.url, "https://api.plivo.test/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/5b40a428-bfc7-4daf-9d06-726c558bf3b8/");
    EXPECT_EQ(get.body, "");

    ListMessagesFilter filter;
    filter.to_number = "+1 (415) 555-0111";
    filter.message_time_gte = 1767323045000; // 2026-01-02 03:04:05 UTC
    filter.message_time_lte = 1767323105999;
    filter.limit = 50;
    filter.offset = 20;
    auto list = make_list_messages_request(test_account(), filter);
    EXPECT_EQ(list.url,
        "https://api.plivo.test/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/?to_number=14155550111"
        "&message_direction=outbound&message_time__gte=2026-01-02%2003%3A04%3A05"
        "&message_time__lte=2026-01-02%2003%3A05%3A05&limit=20&offset=20");
}

TEST(PlivoWire, UploadSendsEveryFileAsAPartNamedFile)
{
    auto http = make_upload_media_request(
        test_account(), { { "a.png", "image/png", "PNGDATA" }, { "b.gif", "image/gif", std::string("GIF\0\x01", 5) } });
    EXPECT_EQ(http.url, "https://api.plivo.test/v1/Account/MAXXXXXXXXXXXXXXXXXX/Media/");
    auto content_type = find_header(http.headers, "content-type");
    ASSERT_TRUE(content_type);
    auto parts = parse_multipart(*content_type, http.body);
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "file");
    EXPECT_EQ((*parts)[0].file_name, "a.png");
    EXPECT_EQ((*parts)[0].content_type, "image/png");
    EXPECT_EQ((*parts)[1].name, "file");
    EXPECT_EQ((*parts)[1].data, std::string("GIF\0\x01", 5));
}

TEST(PlivoWire, ParsesTheSdkSendFixture)
{
    // plivo-python tests/resources/fixtures/messageSendResponse.json
    auto accepted = parse_send_message_response(response(202,
        R"({"api_id": "948b53a2-3f08-11e7-b6f4-061564b78b75", "message": "message(s) queued",
            "message_uuid": ["5b40a428-bfc7-4daf-9d06-726c558bf3b8"]})"));
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->api_id, "948b53a2-3f08-11e7-b6f4-061564b78b75");
    EXPECT_EQ(accepted->message, "message(s) queued");
    EXPECT_EQ(accepted->message_uuids, std::vector<std::string> { "5b40a428-bfc7-4daf-9d06-726c558bf3b8" });
    EXPECT_TRUE(accepted->invalid_numbers.empty());
}

TEST(PlivoWire, ParsesInvalidNumbersOfABulkSend)
{
    // plivo-php tests/Mocks/messageSendResponse.json carries invalid_number.
    auto accepted = parse_send_message_response(response(202,
        R"({"api_id":"x","message":"message(s) queued","message_uuid":["u1"],"invalid_number":["919012345678"]})"));
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->invalid_numbers, std::vector<std::string> { "919012345678" });
}

TEST(PlivoWire, TreatsA2xxWithoutUuidsOrJsonAsMalformed)
{
    for (auto body : { "", "<html>ok</html>", "[]", R"({"api_id":"x","message":"message(s) queued"})" }) {
        auto result = parse_send_message_response(response(202, body));
        ASSERT_FALSE(result) << body;
        EXPECT_EQ(result.error().kind, PlivoFailureKind::MalformedResponse);
        EXPECT_EQ(classify(result.error()), PlivoCallOutcome::Ambiguous);
    }
}

TEST(PlivoWire, ParsesPlivoErrorBodies)
{
    auto result = parse_send_message_response(
        response(400, R"({"api_id":"a1","error":"'1111111' is not a valid phone number."})"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, PlivoFailureKind::Rejected);
    EXPECT_EQ(result.error().http_status, 400);
    EXPECT_EQ(result.error().error, "'1111111' is not a valid phone number.");
    EXPECT_EQ(result.error().api_id, "a1");
    EXPECT_FALSE(result.error().retry_after);
}

TEST(PlivoWire, ReadsRetryAfterAndSurvivesNonJsonErrors)
{
    auto limited = parse_send_message_response(response(429, R"({"api_id":"a","error":"too many requests"})", { { "retry-after", "7" } }));
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().retry_after, std::chrono::seconds(7));

    auto html = parse_send_message_response(response(502, "<html>\r\nBad Gateway</html>", { { "Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT" } }));
    ASSERT_FALSE(html);
    EXPECT_EQ(html.error().error, "<html>  Bad Gateway</html>");
    EXPECT_FALSE(html.error().retry_after);

    auto empty = parse_send_message_response(response(503, ""));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().error, "HTTP 503");
    auto structured = parse_send_message_response(response(400, R"({"error":{"dst":["required"]}})"));
    ASSERT_FALSE(structured);
    EXPECT_EQ(structured.error().error, R"({"dst":["required"]})");
}

TEST(PlivoWire, TurnsTransportFailuresIntoPlivoFailures)
{
    auto never = parse_get_message_response(std::unexpected(TransportFailure { TransportFailureKind::NeverSent, "refused" }));
    ASSERT_FALSE(never);
    EXPECT_EQ(never.error().kind, PlivoFailureKind::NeverSent);
    EXPECT_EQ(never.error().error, "refused");
    auto unknown = parse_list_messages_response(std::unexpected(TransportFailure { TransportFailureKind::OutcomeUnknown, "timeout" }));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().kind, PlivoFailureKind::OutcomeUnknown);
}

TEST(PlivoWire, ParsesTheSdkMessageObject)
{
    // plivo-python tests/resources/fixtures/messageGetResponse.json
    auto message = parse_get_message_response(response(200, R"({
        "api_id": "95747262-3f08-11e7-8bc8-065f6a74a84a", "error_code": null, "from_number": "911231231230",
        "message_direction": "outbound", "message_state": "sent", "message_time": "2017-05-22 21:36:14+05:30",
        "message_type": "sms", "message_uuid": "5b40a428-bfc7-4daf-9d06-726c558bf3b8",
        "resource_uri": "/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/5b40a428-bfc7-4daf-9d06-726c558bf3b8/",
        "to_number": "911231231231", "total_amount": "0.00250", "total_rate": "0.00250", "units": 1,
        "message_sent_time": "2024-08-21 18:28:49.244057+05:30", "error_message": ""})"));
    ASSERT_TRUE(message);
    EXPECT_EQ(message->message_uuid, "5b40a428-bfc7-4daf-9d06-726c558bf3b8");
    EXPECT_EQ(message->message_state, "sent");
    EXPECT_EQ(message->from_number, "911231231230");
    EXPECT_EQ(message->to_number, "911231231231");
    EXPECT_EQ(message->total_amount, "0.00250");
    EXPECT_EQ(message->units, 1);
    EXPECT_FALSE(message->error_code);
    EXPECT_EQ(message->message_time_millis, 1495469174000); // 2017-05-22 16:06:14 UTC
}

TEST(PlivoWire, ParsesErrorCodesLeniently)
{
    EXPECT_EQ(parse_message_object(json::parse(R"({"error_code":"000"})")).error_code, 0);
    EXPECT_EQ(parse_message_object(json::parse(R"({"error_code":"30"})")).error_code, 30);
    EXPECT_EQ(parse_message_object(json::parse(R"({"error_code":120})")).error_code, 120);
    EXPECT_FALSE(parse_message_object(json::parse(R"({"error_code":""})")).error_code);
    EXPECT_FALSE(parse_message_object(json::parse(R"({})")).error_code);
}

TEST(PlivoWire, ParsesAMessageListWithMeta)
{
    auto list = parse_list_messages_response(response(200, R"({"api_id":"l1",
        "meta":{"limit":20,"next":"/v1/Account/MAXXXXXXXXXXXXXXXXXX/Message/?limit=20&offset=20","offset":0,
                "previous":null,"total_count":21},
        "objects":[{"message_uuid":"u1","message_state":"delivered","error_code":"000"},{"message_uuid":"u2"}, 5]})"));
    ASSERT_TRUE(list);
    EXPECT_EQ(list->total_count, 21);
    EXPECT_TRUE(list->has_next);
    ASSERT_EQ(list->messages.size(), 2u);
    EXPECT_EQ(list->messages[0].error_code, 0);
    EXPECT_EQ(list->messages[1].message_uuid, "u2");

    auto missing = parse_list_messages_response(response(200, R"({"api_id":"l1"})"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().kind, PlivoFailureKind::MalformedResponse);
}

TEST(PlivoWire, ParsesUploadObjectsWithEitherUrlKey)
{
    auto result = parse_upload_media_response(response(202, R"({"api_id":"m1","objects":[
        {"content_type":"image/png","file_name":"a.png","media_id":"id1","size":10,"status":"success",
         "status_code":201,"upload_time":"2026-01-02T03:04:05Z","media_url":"https://media.plivo.com/Account/MA/Media/id1"},
        {"file_name":"b.png","media_id":"id2","status":"success","status_code":201,"url":"https://media.plivo.com/x/id2"},
        {"file_name":"c.png","status":"failed","status_code":400,"error_message":"too big"}]})"));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->objects.size(), 3u);
    EXPECT_TRUE(result->objects[0].succeeded());
    EXPECT_EQ(result->objects[0].media_url, "https://media.plivo.com/Account/MA/Media/id1");
    EXPECT_EQ(result->objects[1].media_url, "https://media.plivo.com/x/id2");
    EXPECT_FALSE(result->objects[2].succeeded());
    EXPECT_EQ(result->objects[2].error_message, "too big");
}

}
