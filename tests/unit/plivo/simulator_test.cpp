#include "plivo/simulator/simulator.hpp"

#include "simulator_fixture.hpp"

#include <regex>

namespace mmsgate {

using namespace mmsgate::testing;
using nlohmann::json;

TEST_F(SimulatorTest, RejectsWrongCredentialsAndForeignAccounts)
{
    for (auto authorization : { basic(kAuthId, "wrong"), basic("MAYYYYYYYYYYYYYYYYYY", kAuthToken), std::string(),
             std::string("Bearer x"), std::string("Basic !!!") }) {
        auto response = api("POST", "Message/", mms().dump(), authorization);
        EXPECT_EQ(response.status, 401) << authorization;
        auto body = body_of(response);
        EXPECT_TRUE(body["api_id"].is_string());
        EXPECT_TRUE(body["error"].is_string());
    }
    SimulatorRequest foreign { "GET", "/v1/Account/MAYYYYYYYYYYYYYYYYYY/Message/",
        { { "Authorization", basic(kAuthId, kAuthToken) } }, {} };
    EXPECT_EQ(m_simulator.handle(foreign).status, 401);
    EXPECT_TRUE(m_simulator.recorded_messages().empty());
}

TEST_F(SimulatorTest, AcceptsAnMmsWithPlivosSuccessShape)
{
    auto request = mms();
    request["url"] = "https://app.example.com/status";
    auto response = send(request);
    ASSERT_EQ(response.status, 202) << response.body;
    EXPECT_EQ(find_header(response.headers, "Content-Type"), "application/json");
    EXPECT_FALSE(response.drop_connection);
    EXPECT_EQ(response.delay.count(), 0);
    auto body = body_of(response);
    EXPECT_EQ(body.size(), 3u) << body; // no invalid_number when every destination is valid
    EXPECT_TRUE(body["api_id"].is_string());
    EXPECT_EQ(body["message"], "message(s) queued");
    ASSERT_EQ(body["message_uuid"].size(), 1u);
    EXPECT_TRUE(std::regex_match(body["message_uuid"][0].get<std::string>(),
        std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")));
    auto recorded = m_simulator.recorded_messages();
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0].request_body, request.dump());
    EXPECT_EQ(recorded[0].message_uuids, std::vector<std::string> { body["message_uuid"][0] });
}

TEST_F(SimulatorTest, GivesOneUuidPerDestinationAndListsInvalidOnes)
{
    auto response = send(mms("+1 (415) 555-0111<14155550122<12345<+442071838750"));
    ASSERT_EQ(response.status, 202) << response.body;
    auto body = body_of(response);
    EXPECT_EQ(body["message_uuid"].size(), 2u);
    EXPECT_EQ(body["invalid_number"], json({ "12345", "+442071838750" }));
}

TEST_F(SimulatorTest, RejectsWhatPlivoRejects)
{
    struct Case {
        char const* why;
        json change;
        char const* error_part;
    };
    auto eleven = json::array();
    for (int i = 0; i < 11; ++i)
        eleven.push_back("https://example.com/" + std::to_string(i) + ".png");
    Case const cases[] = {
        { "one invalid destination", { { "dst", "1111111" } }, "'1111111' is not a valid phone number." },
        { "no valid destination", { { "dst", "123<456" } }, "None of the destination" },
        { "missing src", { { "src", nullptr } }, "src" },
        { "src not North American for MMS", { { "src", "+442071838750" } }, "MMS" },
        { "unknown type", { { "type", "fax" } }, "type" },
        { "eleven media", { { "media_urls", eleven } }, "at most 10" },
        { "MMS without media", { { "media_urls", nullptr } }, "required when type is mms" },
        { "media URL not http", { { "media_urls", { "ftp://x/y.png" } } }, "media URL" },
        { "unknown media id", { { "media_ids", { "nope" } } }, "Media 'nope' not found" },
        { "text too long", { { "text", std::string(1601, 'a') } }, "1600" },
        { "callback URL not absolute", { { "url", "/status" } }, "callback URL" },
        { "callback method", { { "url", "https://a.example/s" }, { "method", "PUT" } }, "method" },
        { "dst not a string", { { "dst", 14155550111 } }, "dst must be a string" },
    };
    for (auto const& test : cases) {
        auto request = mms();
        for (auto const& [key, value] : test.change.items()) {
            if (value.is_null())
                request.erase(key);
            else
                request[key] = value;
        }
        auto response = send(request);
        EXPECT_EQ(response.status, 400) << test.why;
        auto body = body_of(response);
        EXPECT_TRUE(body["api_id"].is_string()) << test.why;
        EXPECT_NE(body["error"].get<std::string>().find(test.error_part), std::string::npos) << test.why << ": " << body;
    }
    EXPECT_EQ(api("POST", "Message/", "not json").status, 400);
    EXPECT_TRUE(m_simulator.recorded_messages().empty());
}

TEST_F(SimulatorTest, CountsTextLengthInCharactersNotBytes)
{
    auto request = mms();
    std::string text;
    for (int i = 0; i < 1600; ++i)
        text += "\xc3\xa9"; // é
    request["text"] = text;
    EXPECT_EQ(send(request).status, 202);
}

TEST_F(SimulatorTest, AnswersUnknownPathsAndMethodsLikePlivo)
{
    EXPECT_EQ(api("POST", "Message", mms().dump()).status, 404); // no trailing slash
    EXPECT_EQ(api("GET", "Call/").status, 404);
    EXPECT_EQ(api("DELETE", "Message/").status, 405);
    EXPECT_EQ(api("POST", "Message/abc/").status, 405);
    EXPECT_EQ(api("GET", "Message/00000000-0000-0000-0000-000000000000/").status, 404);
    EXPECT_EQ(m_simulator.handle({ "GET", "/elsewhere", {}, {} }).status, 404);
}

TEST_F(SimulatorTest, MessageObjectFollowsTheTimeline)
{
    auto uuid = body_of(send(mms()))["message_uuid"][0].get<std::string>();
    auto get = [&] { return body_of(api("GET", "Message/" + uuid + "/")); };
    auto object = get();
    EXPECT_EQ(object["message_uuid"], uuid);
    EXPECT_EQ(object["message_state"], "queued");
    EXPECT_EQ(object["message_type"], "mms");
    EXPECT_EQ(object["message_direction"], "outbound");
    EXPECT_EQ(object["from_number"], "14155550100");
    EXPECT_EQ(object["to_number"], "14155550111");
    EXPECT_EQ(object["message_time"], "2026-01-02 03:04:05+00:00");
    EXPECT_TRUE(object["error_code"].is_null());
    EXPECT_EQ(object["total_amount"], "0.01600");
    EXPECT_EQ(object["total_rate"], "0.01600");
    EXPECT_EQ(object["units"], 1);
    EXPECT_EQ(object["resource_uri"], "/v1/Account/" + std::string(kAuthId) + "/Message/" + uuid + "/");
    EXPECT_TRUE(object["api_id"].is_string());
    advance(100);
    EXPECT_EQ(get()["message_state"], "sent");
    advance(100);
    EXPECT_EQ(get()["message_state"], "delivered");
    EXPECT_EQ(get()["error_code"], "000");
}

TEST_F(SimulatorTest, ListFiltersByNumberAndTimeAndPages)
{
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(send(mms(i % 2 ? "+14155550122" : "+14155550111")).status, 202);
        advance(1000);
    }
    auto list = [&](std::string const& query) { return body_of(api("GET", "Message/?" + query)); };
    auto all = list("");
    EXPECT_EQ(all["meta"]["total_count"], 5);
    EXPECT_EQ(all["objects"].size(), 5u);
    EXPECT_EQ(all["objects"][0]["message_time"], "2026-01-02 03:04:09+00:00"); // newest first
    EXPECT_TRUE(all["meta"]["next"].is_null());
    EXPECT_TRUE(all["meta"]["previous"].is_null());

    EXPECT_EQ(list("to_number=14155550122")["meta"]["total_count"], 2);
    EXPECT_EQ(list("to_number=%2B14155550111")["meta"]["total_count"], 3);
    EXPECT_EQ(list("message_time__gte=2026-01-02+03%3A04%3A07")["meta"]["total_count"], 3);
    EXPECT_EQ(list("message_time__gt=2026-01-02 03:04:07")["meta"]["total_count"], 2);
    EXPECT_EQ(list("message_time__lte=2026-01-02 03:04:07")["meta"]["total_count"], 3);
    EXPECT_EQ(list("message_time__lt=2026-01-02 03:04:07&to_number=14155550111")["meta"]["total_count"], 1);
    EXPECT_EQ(list("message_direction=inbound")["meta"]["total_count"], 0);

    auto page = list("limit=2&offset=2");
    EXPECT_EQ(page["objects"].size(), 2u);
    EXPECT_EQ(page["meta"]["limit"], 2);
    EXPECT_EQ(page["meta"]["offset"], 2);
    EXPECT_EQ(page["meta"]["next"], "/v1/Account/" + std::string(kAuthId) + "/Message/?limit=2&offset=4");
    EXPECT_EQ(page["meta"]["previous"], "/v1/Account/" + std::string(kAuthId) + "/Message/?limit=2&offset=0");

    EXPECT_EQ(api("GET", "Message/?limit=21").status, 400);
    EXPECT_EQ(api("GET", "Message/?message_time__gte=yesterday").status, 400);
}

}
