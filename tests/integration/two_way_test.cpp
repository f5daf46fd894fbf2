// Issue 15, receiving: incoming SMS and MMS delivered by the real simulator (signed, repeated as
// Plivo's retries would) to a real mmsgate over loopback, on a real database; media copied from the
// simulator and served back; signatures, replays and media hosts refused.
#include "integration/fixture.hpp"

#include "core/encoding.hpp"
#include "plivo/signature.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace mmsgate::testing {

namespace {

constexpr char kTheirNumber[] = "+14155550142";

// Reads /api/messages/stream on a thread of its own until destroyed, keeping what arrived.
class EventStreamReader {
public:
    EventStreamReader(std::string url, std::string cookies)
        : m_thread([this, url = std::move(url), cookies = std::move(cookies)] { read(url, cookies); })
    {
    }
    ~EventStreamReader()
    {
        m_stopped = true;
        m_thread.join();
    }
    [[nodiscard]] std::string received()
    {
        std::lock_guard lock(m_mutex);
        return m_received;
    }

private:
    static std::size_t on_data(char* data, std::size_t size, std::size_t count, void* self)
    {
        auto& reader = *static_cast<EventStreamReader*>(self);
        std::lock_guard lock(reader.m_mutex);
        reader.m_received.append(data, size * count);
        return size * count;
    }
    static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        return static_cast<EventStreamReader*>(self)->m_stopped ? 1 : 0;
    }
    void read(std::string const& url, std::string const& cookies)
    {
        auto* curl = curl_easy_init();
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_COOKIE, cookies.c_str());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_data);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 60000L);
        (void)curl_easy_perform(curl);
        curl_easy_cleanup(curl);
    }

    std::mutex m_mutex;
    std::string m_received;
    std::atomic<bool> m_stopped { false };
    std::thread m_thread;
};

}

class TwoWayTest : public MmsgateTest {
protected:
    void prepare() override
    {
        start_signed_in({ { "MMSGATE_INBOUND_MEDIA_HOSTS", "127.0.0.1" }, { "MMSGATE_INBOUND_MEDIA_TEST_LOOPBACK", "1" } });
    }

    std::string inbound_url() const { return m_server->base_url() + "/api/plivo/inbound"; }

    // The simulator delivers an incoming message `deliveries` times; returns its MessageUUID.
    std::string deliver(nlohmann::json spec)
    {
        spec["url"] = inbound_url();
        HttpClient simulator_client(simulator().base_url());
        auto reply = simulator_client.post_json("/_sim/inbound", spec);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().value("messageUuid", "");
    }

    std::size_t stored_count(std::string const& uuid)
    {
        auto rows = m_database->query("SELECT count(*) FROM mmsgate_inbound_message WHERE plivo_uuid = '" + uuid + "'");
        return std::stoul(rows.at(0).at(0));
    }

    // Every delivery after the first was answered as "already stored".
    bool all_deliveries_answered(std::size_t repeats)
    {
        return occurrences(m_server->process().output(), "delivered again: already stored") >= repeats;
    }

    nlohmann::json conversation_with(std::string const& their_number)
    {
        auto list = m_client->get("/api/conversations").json();
        for (auto const& conversation : list["conversations"]) {
            if (conversation["theirNumber"] == their_number)
                return conversation;
        }
        return nullptr;
    }

    // Waits until the first message from kTheirNumber has one medium in `state`; `media` is what was
    // last seen (for the test's assertions, and to show when the wait failed).
    bool one_medium_reaches(std::string const& state, nlohmann::json& media)
    {
        return eventually([&] {
            auto conversation = conversation_with(kTheirNumber);
            if (!conversation.is_object())
                return false;
            media = m_client->get("/api/conversations/" + conversation["id"].get<std::string>()).json()["messages"][0]["media"];
            return media.size() == 1 && media[0]["state"] == state;
        });
    }

    // A signed POST the way Plivo sends one, built here so that it can be replayed exactly.
    HttpReply post_signed(std::map<std::string, std::string> const& fields, std::string const& nonce, std::string const& token)
    {
        FormFields params(fields.begin(), fields.end());
        auto signature = compute_signature_v3(token, "POST", inbound_url(), params, nonce);
        HttpClient plivo(m_server->base_url());
        return plivo.post_form("/api/plivo/inbound", fields,
            { std::string(kSignatureV3Header) + ": " + signature, std::string(kSignatureV3NonceHeader) + ": " + nonce });
    }
};

TEST_P(TwoWayTest, IncomingSmsDeliveredThreeTimesIsStoredOnce)
{
    auto uuid = deliver({ { "from", kTheirNumber }, { "to", kSenderNumber }, { "text", "Is the shop open today?" }, { "deliveries", 3 } });
    ASSERT_TRUE(eventually([&] { return all_deliveries_answered(2); })) << m_server->process().output();
    EXPECT_EQ(stored_count(uuid), 1u);
    auto conversation = conversation_with(kTheirNumber);
    ASSERT_TRUE(conversation.is_object());
    EXPECT_EQ(conversation["ourNumber"], kSenderNumber);
    EXPECT_EQ(conversation["lastMessage"]["direction"], "in");
    EXPECT_EQ(conversation["lastMessage"]["text"], "Is the shop open today?");
    EXPECT_EQ(conversation["unreadCount"], 1);

    auto thread = m_client->get("/api/conversations/" + conversation["id"].get<std::string>()).json();
    ASSERT_EQ(thread["messages"].size(), 1u) << thread.dump();
    EXPECT_EQ(thread["messages"][0]["direction"], "in");
    EXPECT_EQ(thread["messages"][0]["type"], "sms");
    EXPECT_EQ(thread["messages"][0]["from"], kTheirNumber);

    auto read = m_client->post_json("/api/conversations/" + conversation["id"].get<std::string>() + "/read", nlohmann::json::object());
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(read.json()["unreadTotal"], 0);
    EXPECT_EQ(conversation_with(kTheirNumber)["unreadCount"], 0);
}

TEST_P(TwoWayTest, IncomingMmsWithTwoImagesIsStoredOnceAndItsImagesServedWithTheirTypes)
{
    auto uuid = deliver({ { "from", kTheirNumber }, { "to", kSenderNumber }, { "text", "Here are the photos" },
        { "mediaCount", 2 }, { "mediaIndexBase", 1 }, { "deliveries", 3 } });
    ASSERT_TRUE(eventually([&] { return all_deliveries_answered(2); })) << m_server->process().output();
    EXPECT_EQ(stored_count(uuid), 1u);
    auto conversation = conversation_with(kTheirNumber);
    ASSERT_TRUE(conversation.is_object());
    auto path = "/api/conversations/" + conversation["id"].get<std::string>();
    nlohmann::json media;
    ASSERT_TRUE(eventually([&] {
        media = m_client->get(path).json()["messages"][0]["media"];
        return media.size() == 2 && media[0]["state"] == "stored" && media[1]["state"] == "stored";
    })) << media.dump();
    EXPECT_EQ(media[0]["contentType"], "image/png");
    EXPECT_EQ(media[1]["contentType"], "image/gif");
    EXPECT_EQ(m_database->query("SELECT count(*) FROM mmsgate_media").at(0).at(0), "2");
    for (auto const& item : media) {
        auto served = m_client->get(item["url"].get<std::string>());
        ASSERT_EQ(served.status, 200);
        EXPECT_EQ(served.header("content-type").value_or(""), item["contentType"].get<std::string>());
        EXPECT_EQ(served.header("x-content-type-options").value_or(""), "nosniff");
        EXPECT_EQ(served.header("content-security-policy").value_or(""), "default-src 'none'; sandbox");
    }
    EXPECT_TRUE(m_client->get(media[0]["url"].get<std::string>()).body.starts_with("\x89PNG"));
    // Signed-in users only.
    HttpClient stranger(m_server->base_url());
    EXPECT_EQ(stranger.get(media[0]["url"].get<std::string>()).status, 401);
    // Each picture was fetched once, however often the message arrived.
    HttpClient simulator_client(simulator().base_url());
    EXPECT_EQ(simulator_client.get("/_sim/media-fetches").json()["count"], 2);
}

TEST_P(TwoWayTest, TheLiveStreamCarriesIncomingMessagesAndReadsOnce)
{
    std::string cookies;
    for (auto const& [name, value] : m_client->cookies())
        cookies += (cookies.empty() ? "" : "; ") + name + "=" + value;
    EventStreamReader stream(m_server->base_url() + "/api/messages/stream", cookies);
    ASSERT_TRUE(eventually([&] { return stream.received().find("event: ready") != std::string::npos; }));
    deliver({ { "from", kTheirNumber }, { "to", kSenderNumber }, { "text", "live one" }, { "deliveries", 3 } });
    ASSERT_TRUE(eventually([&] { return all_deliveries_answered(2); }));
    ASSERT_TRUE(eventually([&] { return stream.received().find("\"live one\"") != std::string::npos; })) << stream.received();
    auto conversation = conversation_with(kTheirNumber);
    ASSERT_TRUE(conversation.is_object());
    ASSERT_EQ(m_client->post_json("/api/conversations/" + conversation["id"].get<std::string>() + "/read", nlohmann::json::object()).status, 200);
    ASSERT_TRUE(eventually([&] { return stream.received().find("event: conversation") != std::string::npos; })) << stream.received();
    // Three deliveries, one message: one inbound event.
    EXPECT_EQ(occurrences(stream.received(), "event: inbound"), 1u) << stream.received();
}

TEST_P(TwoWayTest, BadOrReplayedSignatureIsRefusedAndStoresNothing)
{
    std::map<std::string, std::string> fields { { "From", "14155550142" }, { "To", "14155550100" }, { "Type", "sms" },
        { "Text", "signed by hand" }, { "MessageUUID", "0b7c9a56-1111-4a6b-9d3e-000000000001" }, { "MediaCount", "0" } };
    EXPECT_EQ(post_signed(fields, "11111111112222222222", "not-the-auth-token").status, 403);
    HttpClient plivo(m_server->base_url());
    EXPECT_EQ(plivo.post_form("/api/plivo/inbound", fields).status, 403);
    EXPECT_EQ(stored_count(fields["MessageUUID"]), 0u);

    auto first = post_signed(fields, "33333333334444444444", kSimulatorAuthToken);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.header("content-type").value_or(""), "application/xml");
    EXPECT_EQ(post_signed(fields, "33333333334444444444", kSimulatorAuthToken).status, 403); // the same nonce: a replay
    // A replayed nonce with another message stores nothing either.
    auto other = fields;
    other["MessageUUID"] = "0b7c9a56-1111-4a6b-9d3e-000000000002";
    EXPECT_EQ(post_signed(other, "33333333334444444444", kSimulatorAuthToken).status, 403);
    EXPECT_EQ(stored_count(fields["MessageUUID"]), 1u);
    EXPECT_EQ(stored_count(other["MessageUUID"]), 0u);
}

TEST_P(TwoWayTest, MediaOnAHostNotAllowedIsNeverFetched)
{
    // The simulator would serve it, under a name that is not in MMSGATE_INBOUND_MEDIA_HOSTS.
    auto port = simulator().base_url().substr(simulator().base_url().rfind(':') + 1);
    auto url = fmt::format("http://localhost:{}/_sim/media/forbidden.png", port);
    deliver({ { "from", kTheirNumber }, { "to", kSenderNumber }, { "text", "look" }, { "mediaUrls", { url } } });
    nlohmann::json media;
    ASSERT_TRUE(one_medium_reaches("refused", media)) << media.dump();
    EXPECT_TRUE(media[0]["url"].is_null());
    HttpClient simulator_client(simulator().base_url());
    EXPECT_EQ(simulator_client.get("/_sim/media-fetches").json()["count"], 0);
}

TEST_P(TwoWayTest, AScriptDisguisedAsAPictureIsServedAsADownload)
{
    auto url = simulator().base_url() + "/_sim/media/trap.svg";
    deliver({ { "from", kTheirNumber }, { "to", kSenderNumber }, { "text", "" }, { "mediaUrls", { url } } });
    nlohmann::json media;
    ASSERT_TRUE(one_medium_reaches("stored", media)) << media.dump();
    EXPECT_EQ(media[0]["contentType"], "application/octet-stream");
    auto served = m_client->get(media[0]["url"].get<std::string>());
    EXPECT_EQ(served.header("content-type").value_or(""), "application/octet-stream");
    EXPECT_TRUE(served.header("content-disposition").value_or("").starts_with("attachment"));
    EXPECT_EQ(served.header("content-security-policy").value_or(""), "default-src 'none'; sandbox");
}

TEST_P(TwoWayTest, ConversationSearchAndPagesOfTheThread)
{
    for (int i = 0; i < 5; ++i)
        deliver({ { "from", kTheirNumber }, { "to", kSenderNumber }, { "text", fmt::format("message number {}", i) } });
    deliver({ { "from", "+14155550177" }, { "to", kSenderNumber }, { "text", "coffee later?" } });
    ASSERT_TRUE(eventually([&] { return m_client->get("/api/conversations").json()["unreadTotal"] == 6; }));
    auto by_text = m_client->get("/api/conversations?q=coffee").json()["conversations"];
    ASSERT_EQ(by_text.size(), 1u);
    EXPECT_EQ(by_text[0]["theirNumber"], "+14155550177");
    auto by_number = m_client->get("/api/conversations?q=555-0142").json()["conversations"];
    ASSERT_EQ(by_number.size(), 1u);
    EXPECT_EQ(by_number[0]["theirNumber"], kTheirNumber);
    auto first_page = m_client->get("/api/conversations?limit=1").json();
    ASSERT_EQ(first_page["conversations"].size(), 1u);
    ASSERT_TRUE(first_page["nextCursor"].is_string());

    auto id = by_number[0]["id"].get<std::string>();
    auto newest = m_client->get("/api/conversations/" + id + "?limit=3").json();
    ASSERT_EQ(newest["messages"].size(), 3u);
    ASSERT_TRUE(newest["nextCursor"].is_string());
    auto older = m_client->get("/api/conversations/" + id + "?limit=3&before=" + newest["nextCursor"].get<std::string>()).json();
    ASSERT_EQ(older["messages"].size(), 2u);
    EXPECT_TRUE(older["nextCursor"].is_null());
    std::vector<std::string> texts;
    for (auto const& page : { older, newest }) {
        for (auto const& message : page["messages"])
            texts.push_back(message["text"]);
    }
    // Oldest first across the pages, each message once (deliveries may interleave: compare as a set).
    std::vector<std::string> sorted_texts = texts;
    std::ranges::sort(sorted_texts);
    EXPECT_EQ(sorted_texts, (std::vector<std::string> { "message number 0", "message number 1", "message number 2",
                                "message number 3", "message number 4" }));
}

MMSGATE_ON_EVERY_BACKEND(TwoWayTest);

}

namespace mmsgate::testing {

// Replies and SMS through the general send endpoint, and the sandbox's "simulate a reply".
class TwoWaySendTest : public MmsgateTest {
protected:
    void prepare() override { start_signed_in(); }
};

TEST_P(TwoWaySendTest, AReplyWithoutMediaIsAnSmsInTheConversation)
{
    auto reply = m_client->post_json("/api/messages",
        { { "to", "+14155550142" }, { "from", kSenderNumber }, { "text", "We open at nine" }, { "origin", "reply" } },
        { "Idempotency-Key: reply-1" });
    ASSERT_TRUE(is_accepted(reply.status)) << reply.body;
    auto recorded = simulator().messages();
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0]["request"]["type"], "sms");
    EXPECT_EQ(recorded[0]["request"]["src"], "14155550100");
    EXPECT_EQ(recorded[0]["request"]["dst"], "14155550142");
    EXPECT_FALSE(recorded[0]["request"].contains("media_urls"));
    // The same key again: the first answer, nothing sent twice.
    auto again = m_client->post_json("/api/messages",
        { { "to", "+14155550142" }, { "from", kSenderNumber }, { "text", "We open at nine" }, { "origin", "reply" } },
        { "Idempotency-Key: reply-1" });
    EXPECT_TRUE(is_accepted(again.status)) << again.body;
    EXPECT_EQ(simulator().messages().size(), 1u);

    auto conversations = m_client->get("/api/conversations").json()["conversations"];
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0]["lastMessage"]["direction"], "out");
    auto thread = m_client->get("/api/conversations/" + conversations[0]["id"].get<std::string>()).json();
    ASSERT_EQ(thread["messages"].size(), 1u);
    EXPECT_EQ(thread["messages"][0]["type"], "sms");
    EXPECT_TRUE(thread["messages"][0]["state"].is_string());

    // With media it is an MMS; an SMS with media, or from another number, is refused before anything is stored.
    auto mms = m_client->post_json("/api/messages",
        { { "to", "+14155550142" }, { "text", "A picture" }, { "mediaUrls", { "https://example.com/picture.png" } } });
    ASSERT_TRUE(is_accepted(mms.status)) << mms.body;
    EXPECT_EQ(simulator().messages()[1]["request"]["type"], "mms");
    EXPECT_EQ(m_client->post_json("/api/messages", { { "to", "+14155550142" }, { "type", "sms" }, { "text", "x" },
                                                      { "mediaUrls", { "https://example.com/picture.png" } } })
                  .json()["field"],
        "type");
    EXPECT_EQ(m_client->post_json("/api/messages", { { "to", "+14155550142" }, { "from", "+14155550999" }, { "text", "x" } }).status, 400);
    EXPECT_EQ(simulator().messages().size(), 2u);
}

MMSGATE_ON_EVERY_BACKEND(TwoWaySendTest);

class SandboxInboundTest : public MmsgateTest { };

TEST_P(SandboxInboundTest, SimulateAReplyDeliversASignedMessageWithPictures)
{
    start_server({ { "PLIVO_AUTH_ID", "" }, { "PLIVO_AUTH_TOKEN", "" }, { "PLIVO_SENDER_NUMBER", "" }, { "PLIVO_API_URL", "" } });
    add_user(kUserEmail, kUserPassword);
    auto client = logged_in_client();
    auto simulated = client.post_json("/api/sandbox/inbound", { { "from", "+14155550142" }, { "text", "Thanks!" }, { "mediaCount", 1 } });
    ASSERT_EQ(simulated.status, 202) << simulated.body;
    nlohmann::json media;
    ASSERT_TRUE(eventually([&] {
        auto conversations = client.get("/api/conversations").json()["conversations"];
        if (conversations.empty())
            return false;
        auto thread = client.get("/api/conversations/" + conversations[0]["id"].get<std::string>()).json();
        media = thread["messages"][0]["media"];
        return media.size() == 1 && media[0]["state"] == "stored";
    })) << media.dump() << m_server->process().output();
    EXPECT_EQ(media[0]["contentType"], "image/png");
}

MMSGATE_ON_EVERY_BACKEND(SandboxInboundTest);

}
