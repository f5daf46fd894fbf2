#include "messaging/send/send_request.hpp"

#include "field_error.hpp"
#include "support/matchers.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace mmsgate {

using nlohmann::json;
using testing::IsFieldError;
using testing::IsOk;

namespace {

constexpr char const* kImage = "https://example.com/photo.jpg";

// A valid body to start from; each test changes one thing.
json valid_body()
{
    return { { "to", "+14155550100" }, { "text", "Hello" }, { "mediaUrls", { kImage } } };
}

Result<SendInput> parse(json const& body) { return parse_send_request(body.dump()); }

std::string repeat(std::string_view piece, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < count; ++i)
        out += piece;
    return out;
}

json urls(std::size_t count)
{
    json list = json::array();
    for (std::size_t i = 0; i < count; ++i)
        list.push_back("https://example.com/" + std::to_string(i) + ".jpg");
    return list;
}

json ids(std::size_t count)
{
    json list = json::array();
    for (std::size_t i = 0; i < count; ++i)
        list.push_back("media-id_" + std::to_string(i));
    return list;
}

}

TEST(SendRequest, AcceptsTheOriginalAppsBody)
{
    auto input = parse_send_request(
        R"({"to": "(415) 555-0100", "text": "Look at this!", "mediaUrl": "https://example.com/photo.jpg"})");
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->recipients, std::vector<std::string> { "+14155550100" });
    EXPECT_EQ(input->text, "Look at this!");
    EXPECT_EQ(input->media_urls, std::vector<std::string> { kImage });
    EXPECT_TRUE(input->media_ids.empty());
}

TEST(SendRequest, NormalisesAndDeduplicatesRecipientsInOrder)
{
    auto body = valid_body();
    body["to"] = { "+1 613 555 0100", "(415) 555-0100", "613.555.0100", "tel:+14155550100", "+1 212 555 1234" };
    auto input = parse(body);
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->recipients, (std::vector<std::string> { "+16135550100", "+14155550100", "+12125551234" }));
}

TEST(SendRequest, AcceptsFiftyRecipientsAndRejectsFiftyOne)
{
    auto body = valid_body();
    body["to"] = json::array();
    for (int i = 0; i < 50; ++i)
        body["to"].push_back(fmt::format("+1 415 555 01{:02}", i));
    auto input = parse(body);
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->recipients.size(), 50u);

    body["to"].push_back("+1 415 555 0150");
    EXPECT_THAT(parse(body), IsFieldError("to", "to lists 51 numbers; one request can send to at most 50"));
}

struct BodyCase {
    char const* name;
    json body;
    char const* field;
    char const* phrase;
};

TEST(SendRequest, RejectsBadRecipients)
{
    auto with_to = [](json to) {
        auto body = valid_body();
        body["to"] = std::move(to);
        return body;
    };
    auto without_to = valid_body();
    without_to.erase("to");
    BodyCase const cases[] = {
        { "missing", without_to, "to", "to is required" },
        { "null", with_to(nullptr), "to", "to is required" },
        { "number", with_to(4155550100), "to", "to must be a string or an array of strings" },
        { "object", with_to({ { "number", "+14155550100" } }), "to", "to must be a string or an array of strings" },
        { "bool", with_to(true), "to", "to must be a string or an array of strings" },
        { "empty array", with_to(json::array()), "to", "to is an empty array" },
        { "number in array", with_to({ "+14155550100", 4155550111 }), "to", "to[1] must be a string" },
        { "null in array", with_to({ nullptr }), "to", "to[0] must be a string" },
        { "empty string", with_to(""), "to", "The phone number is empty" },
        { "letters", with_to("abc"), "to", "\"abc\" is not a phone number" },
        { "UK number", with_to("+44 20 7946 0958"), "to", "MMS can only be sent to US and Canadian numbers" },
        { "UK number in array", with_to({ "+14155550100", "+44 20 7946 0958" }), "to",
            "to[1]: MMS can only be sent to US and Canadian numbers" },
        { "invalid in array", with_to({ "+1 555 555 5555" }), "to", "to[0]: \"+1 555 555 5555\" is not a valid" },
        { "several in one string", with_to("4155550100, 4155550111"), "to", "looks like several numbers" },
    };
    for (auto const& c : cases)
        EXPECT_THAT(parse(c.body), IsFieldError(c.field, c.phrase)) << c.name;
}

TEST(SendRequest, LimitsTextTo1600CodePoints)
{
    struct Piece {
        char const* name;
        std::string_view piece;
    };
    Piece const pieces[] = {
        { "ASCII", "a" },
        { "two-byte", "\u00e9" },
        { "three-byte", "\u4e2d" },
        { "four-byte emoji", "\U0001F600" },
    };
    for (auto const& p : pieces) {
        auto body = valid_body();
        body["text"] = repeat(p.piece, kMaxTextCharacters);
        auto input = parse(body);
        ASSERT_THAT(input, IsOk()) << p.name;
        EXPECT_EQ(input->text, repeat(p.piece, kMaxTextCharacters)) << p.name;

        body["text"] = repeat(p.piece, kMaxTextCharacters + 1);
        EXPECT_THAT(parse(body), IsFieldError("text", "text is 1601 characters long; an MMS text can be at most 1600"))
            << p.name;
    }
}

TEST(SendRequest, CountsEscapedSurrogatePairsAsOneCharacter)
{
    std::string text = repeat("\\ud83d\\ude00", kMaxTextCharacters);
    auto body = R"({"to": "+14155550100", "mediaUrl": "https://example.com/a.png", "text": ")" + text + "\"}";
    auto input = parse_send_request(body);
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->text, repeat("\U0001F600", kMaxTextCharacters));
}

TEST(SendRequest, TextIsOptionalBecauseMediaIsRequired)
{
    for (json text : { json(nullptr), json(""), json("   ") }) {
        auto body = valid_body();
        body["text"] = text;
        auto input = parse(body);
        ASSERT_THAT(input, IsOk()) << text.dump();
        EXPECT_EQ(input->text, text.is_null() ? "" : text.get<std::string>());
    }
    auto body = valid_body();
    body.erase("text");
    EXPECT_THAT(parse(body), IsOk());
}

TEST(SendRequest, RejectsTextThatIsNotAString)
{
    for (json text : { json(42), json(true), json::array({ "Hello" }), json({ { "body", "Hello" } }) }) {
        auto body = valid_body();
        body["text"] = text;
        EXPECT_THAT(parse(body), IsFieldError("text", "text must be a string")) << text.dump();
    }
}

TEST(SendRequest, NeedsOneToTenAttachments)
{
    auto body = valid_body();
    body.erase("mediaUrls");
    EXPECT_THAT(parse(body), IsFieldError("mediaUrls", "An MMS needs at least one attachment"));
    body["mediaUrls"] = json::array();
    body["mediaIds"] = json::array();
    EXPECT_THAT(parse(body), IsFieldError("mediaUrls", "An MMS needs at least one attachment"));

    body["mediaUrls"] = urls(10);
    EXPECT_THAT(parse(body), IsOk());
    body["mediaUrls"] = urls(11);
    EXPECT_THAT(parse(body), IsFieldError("mediaUrls", "at most 10 attachments; this request has 11 (11 URLs and 0"));

    body["mediaUrls"] = urls(6);
    body["mediaIds"] = ids(4);
    EXPECT_THAT(parse(body), IsOk());
    body["mediaIds"] = ids(5);
    EXPECT_THAT(parse(body), IsFieldError("mediaUrls", "this request has 11 (6 URLs and 5 media IDs"));

    body.erase("mediaUrls");
    body["mediaIds"] = ids(10);
    EXPECT_THAT(parse(body), IsOk());
    body["mediaIds"] = ids(11);
    EXPECT_THAT(parse(body), IsFieldError("mediaIds", "this request has 11 (0 URLs and 11 media IDs"));
}

TEST(SendRequest, UploadIdsCountAsAttachmentsAndChangeTheCanonicalForm)
{
    auto body = valid_body();
    body.erase("mediaUrls");
    body["upload_ids"] = { "cm1", "cm2", "cm1" };
    auto parsed = parse(body);
    ASSERT_THAT(parsed, IsOk());
    EXPECT_EQ(parsed->upload_ids, (std::vector<std::string> { "cm1", "cm2" }));
    EXPECT_NE(canonical_json(*parsed).find("\"upload_ids\":[\"cm1\",\"cm2\"]"), std::string::npos);

    body["mediaUrls"] = urls(9);
    EXPECT_THAT(parse(body), IsFieldError("upload_ids", "at most 10 attachments; this one has 11 (2 files, 9 URLs"));
    body.erase("mediaUrls");
    body["upload_ids"] = { "not an id!" };
    EXPECT_THAT(parse(body), IsFieldError("upload_ids", "upload_ids[0] is not an upload id"));
    body["upload_ids"] = "cm1";
    EXPECT_THAT(parse(body), IsFieldError("upload_ids", "upload_ids must be an array"));
}

TEST(SendRequest, MergesMediaUrlIntoMediaUrlsWithoutDuplicates)
{
    auto body = valid_body();
    body["mediaUrl"] = "https://example.com/first.jpg";
    body["mediaUrls"] = { "https://example.com/second.jpg", "https://example.com/first.jpg",
        " https://example.com/second.jpg\n" };
    auto input = parse(body);
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->media_urls,
        (std::vector<std::string> { "https://example.com/first.jpg", "https://example.com/second.jpg" }));

    // Eleven entries that are ten attachments are within the limit.
    body.erase("mediaUrl");
    body["mediaUrls"] = urls(10);
    body["mediaUrls"].push_back("https://example.com/0.jpg");
    EXPECT_THAT(parse(body), IsOk());
}

TEST(SendRequest, RejectsBadMedia)
{
    auto with = [](char const* key, json value) {
        auto body = valid_body();
        body.erase("mediaUrls");
        body[key] = std::move(value);
        return body;
    };
    BodyCase const cases[] = {
        { "mediaUrl array", with("mediaUrl", { kImage }), "mediaUrl", "mediaUrl must be a string" },
        { "mediaUrl number", with("mediaUrl", 1), "mediaUrl", "mediaUrl must be a string" },
        { "mediaUrl relative", with("mediaUrl", "/photo.jpg"), "mediaUrl", "mediaUrl is not a full address" },
        { "mediaUrl localhost", with("mediaUrl", "http://localhost/a.png"), "mediaUrl", "points to \"localhost\"" },
        { "mediaUrl blank", with("mediaUrl", "  "), "mediaUrl", "mediaUrl is empty" },
        { "mediaUrls string", with("mediaUrls", kImage), "mediaUrls", "mediaUrls must be an array of strings" },
        { "mediaUrls object", with("mediaUrls", { { "url", kImage } }), "mediaUrls", "must be an array of strings" },
        { "mediaUrls number entry", with("mediaUrls", { kImage, 7 }), "mediaUrls", "mediaUrls[1] must be a string" },
        { "mediaUrls ftp", with("mediaUrls", { kImage, "ftp://example.com/a.png" }), "mediaUrls",
            "mediaUrls[1] starts with \"ftp:\"" },
        { "mediaUrls private", with("mediaUrls", { "http://192.168.0.10/a.png" }), "mediaUrls",
            "mediaUrls[0] points to \"192.168.0.10\"" },
        { "mediaUrls credentials", with("mediaUrls", { "https://a:b@example.com/x.png" }), "mediaUrls",
            "mediaUrls[0] contains a user name or password" },
        { "mediaIds string", with("mediaIds", "abc"), "mediaIds", "mediaIds must be an array of strings" },
        { "mediaIds number entry", with("mediaIds", { 12 }), "mediaIds", "mediaIds[0] must be a string" },
        { "mediaIds empty entry", with("mediaIds", { "abc", "" }), "mediaIds", "mediaIds[1] is empty" },
        { "mediaIds too long", with("mediaIds", { std::string(65, 'a') }), "mediaIds",
            "mediaIds[0] is 65 characters long; a media ID has at most 64" },
        { "mediaIds slash", with("mediaIds", { "abc/def" }), "mediaIds", "mediaIds[0] is not a media ID" },
        { "mediaIds space", with("mediaIds", { "abc def" }), "mediaIds", "mediaIds[0] is not a media ID" },
        { "mediaIds dot", with("mediaIds", { "../etc" }), "mediaIds", "may contain only letters, digits, '-' and '_'" },
        { "mediaIds non-ASCII", with("mediaIds", { "caf\u00e9" }), "mediaIds", "mediaIds[0] is not a media ID" },
    };
    for (auto const& c : cases)
        EXPECT_THAT(parse(c.body), IsFieldError(c.field, c.phrase)) << c.name;
}

TEST(SendRequest, AcceptsMediaIds)
{
    auto body = valid_body();
    body.erase("mediaUrls");
    body["mediaIds"] = { "801c2056-33ab-499c-80ef-58b574a462a2", std::string(64, 'Z'), "a_b-C",
        "801c2056-33ab-499c-80ef-58b574a462a2" };
    auto input = parse(body);
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->media_ids,
        (std::vector<std::string> { "801c2056-33ab-499c-80ef-58b574a462a2", std::string(64, 'Z'), "a_b-C" }));
    EXPECT_TRUE(input->media_urls.empty());
}

TEST(SendRequest, IgnoresUnknownFieldsAndNulls)
{
    auto body = valid_body();
    body["type"] = "sms";
    body["src"] = "+15555555555";
    body["extra"] = { { "nested", { 1, 2, 3 } } };
    body["mediaUrl"] = nullptr;
    body["mediaIds"] = nullptr;
    auto input = parse(body);
    ASSERT_THAT(input, IsOk());
    EXPECT_EQ(input->media_urls, std::vector<std::string> { kImage });
}

TEST(SendRequest, RejectsABodyThatIsNotAJsonObject)
{
    struct Case {
        std::string body;
        char const* phrase;
    };
    Case const cases[] = {
        { "", "Invalid request body: it is not valid JSON" },
        { "   ", "it is not valid JSON" },
        { "{", "it is not valid JSON" },
        { "not json", "it is not valid JSON" },
        { R"({"to": })", "it is not valid JSON" },
        { R"({"to": "+14155550100",})", "it is not valid JSON" },
        { R"({"to": "+14155550100"} trailing)", "it is not valid JSON" },
        { "to=%2B14155550100&text=Hi", "it is not valid JSON" },
        { "{\"to\": \"\xff\"}", "it is not valid JSON" },
        { R"({"text": "\ud800"})", "it is not valid JSON" },
        { std::string(100000, '['), "it is not valid JSON" },
        { "[]", "Invalid request body: it must be a JSON object" },
        { R"(["+14155550100"])", "it must be a JSON object" },
        { R"("+14155550100")", "it must be a JSON object" },
        { "null", "it must be a JSON object" },
        { "42", "it must be a JSON object" },
        { "true", "it must be a JSON object" },
    };
    for (auto const& c : cases)
        EXPECT_THAT(parse_send_request(c.body), IsFieldError("", c.phrase)) << c.body.substr(0, 40);
}

TEST(SendRequest, SurvivesDeeplyNestedUnknownFields)
{
    std::string nested = std::string(50000, '[') + std::string(50000, ']');
    auto body = R"({"to": "+14155550100", "mediaUrl": "https://example.com/a.png", "junk": )" + nested + "}";
    EXPECT_THAT(parse_send_request(body), IsOk());
}

TEST(SendRequest, CanonicalJsonIgnoresNotationOrderAndFieldChoice)
{
    auto first = parse_send_request(
        R"({"to": ["(415) 555-0100", "+1 613 555 0100"], "text": "Hi", "mediaUrl": "https://example.com/a.png"})");
    auto second = parse_send_request(
        R"({"mediaUrls": ["https://example.com/a.png"], "text": "Hi", "to": ["+16135550100", "4155550100"], "x": 1})");
    ASSERT_THAT(first, IsOk());
    ASSERT_THAT(second, IsOk());
    EXPECT_EQ(canonical_json(*first), canonical_json(*second));
    EXPECT_EQ(canonical_json(*first),
        R"({"mediaIds":[],"mediaUrls":["https://example.com/a.png"],"text":"Hi","to":["+14155550100","+16135550100"]})");
}

TEST(SendRequest, CanonicalJsonDistinguishesDifferentSends)
{
    SendInput base { { "+14155550100" }, "Hi", { "https://example.com/a.png", "https://example.com/b.png" }, {}, {} };
    auto other_text = base;
    other_text.text = "Hi!";
    auto other_order = base;
    std::swap(other_order.media_urls[0], other_order.media_urls[1]);
    auto as_id = base;
    as_id.media_ids = { "abc" };
    auto other_recipient = base;
    other_recipient.recipients = { "+14155550101" };
    for (auto const* changed : { &other_text, &other_order, &as_id, &other_recipient })
        EXPECT_NE(canonical_json(base), canonical_json(*changed));
}

TEST(SendRequest, CanonicalJsonDoesNotThrowOnInvalidUtf8)
{
    SendInput input { { "+14155550100" }, "\xff", { "https://example.com/a.png" }, {}, {} };
    EXPECT_NO_THROW((void)canonical_json(input));
}

}
