#include "conversations/conversation.hpp"
#include "inbound/incoming_message.hpp"
#include "media/media_type.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

FormFields sms_fields()
{
    return { { "From", "14155550142" }, { "To", "14155550100" }, { "Type", "sms" }, { "Text", "Hello" },
        { "MessageUUID", "8c0d2a2e-0000-4000-8000-000000000001" }, { "Units", "1" }, { "TotalRate", "0.0000" },
        { "TotalAmount", "0.0000" }, { "MessageIntent", "" }, { "PowerpackUUID", "" } };
}

}

TEST(IncomingMessage, AnSmsGetsE164NumbersAndItsText)
{
    auto message = parse_incoming_message(sms_fields());
    ASSERT_TRUE(message) << message.error().message;
    EXPECT_EQ(message->from, "+14155550142");
    EXPECT_EQ(message->to, "+14155550100");
    EXPECT_EQ(message->type, "sms");
    EXPECT_EQ(message->text, "Hello");
    EXPECT_TRUE(message->media_urls.empty());
    EXPECT_EQ(message->units, 1);
    EXPECT_FALSE(message->powerpack_uuid);
}

TEST(IncomingMessage, MmsTextIsTheBodyAndMediaCountDecidesHowManyOfMediaZeroOrOneCount)
{
    auto fields = sms_fields();
    fields.emplace_back("Body", "Photos");
    fields[2].second = "mms";
    fields.emplace_back("MediaCount", "2");
    fields.emplace_back("Media1", "https://media.plivo.com/a");
    fields.emplace_back("Media2", "https://media.plivo.com/b");
    fields.emplace_back("Media3", "https://media.plivo.com/not-counted");
    auto message = parse_incoming_message(fields);
    ASSERT_TRUE(message);
    EXPECT_EQ(message->type, "mms");
    EXPECT_EQ(message->text, "Photos");
    EXPECT_EQ(message->media_urls, (std::vector<std::string> { "https://media.plivo.com/a", "https://media.plivo.com/b" }));

    fields.emplace_back("Media0", "https://media.plivo.com/zero");
    message = parse_incoming_message(fields);
    ASSERT_TRUE(message);
    EXPECT_EQ(message->media_urls, (std::vector<std::string> { "https://media.plivo.com/zero", "https://media.plivo.com/a" }));
}

TEST(IncomingMessage, MissingUuidOrSenderIsRefusedAndIntentsAreKnownOnes)
{
    auto fields = sms_fields();
    fields[4].second = "";
    EXPECT_EQ(parse_incoming_message(fields).error().field, "MessageUUID");
    fields = sms_fields();
    fields[8] = { "MessageIntent", "optout" };
    EXPECT_EQ(parse_incoming_message(fields)->intent, "optout");
    fields[8] = { "MessageIntent", "<script>" };
    EXPECT_EQ(parse_incoming_message(fields)->intent, "");
    EXPECT_EQ(plivo_number_to_e164("12345"), "12345"); // a short code stays as it is
}

TEST(MediaType, TypesComeFromTheBytesNotFromAName)
{
    std::string const png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x02\0\0\0\x03", 24);
    auto sniffed = sniff_media(png);
    EXPECT_EQ(sniffed.content_type, "image/png");
    EXPECT_EQ(sniffed.width, 2);
    EXPECT_EQ(sniffed.height, 3);
    EXPECT_EQ(sniff_media(std::string("GIF89a\x05\0\x07\0", 10)).content_type, "image/gif");
    EXPECT_EQ(sniff_media("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>").content_type, "application/octet-stream");
    EXPECT_EQ(sniff_media("<html><script>x</script></html>").content_type, "application/octet-stream");
    EXPECT_FALSE(is_raster_image("application/pdf"));
    EXPECT_TRUE(is_raster_image("image/jpeg"));
}

TEST(ConversationPreview, NeverEndsInHalfACharacter)
{
    EXPECT_EQ(preview_text("héllo", 2), "h");
    EXPECT_EQ(preview_text("hello", 160), "hello");
}

}
