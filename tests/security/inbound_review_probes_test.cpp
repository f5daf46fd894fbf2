// Probes of the two-way review: incoming messages, their media and their setup attacked as an
// outsider would. The attacker holds what one capture gives: the V3 and V2 header pairs of one real
// Plivo request (computed here with the account token, as Plivo sends both on every request).
#include "integration/fixture.hpp"

#include "plivo/signature.hpp"

#include <fmt/format.h>

namespace mmsgate::testing {

namespace {

constexpr char kReviewTheirNumber[] = "+14155550142";

std::string review_digits_of(std::string const& number) { return number.substr(1); }

}

class InboundReviewProbes : public MmsgateTest {
protected:
    void prepare() override
    {
        start_signed_in({ { "MMSGATE_INBOUND_MEDIA_HOSTS", "127.0.0.1" }, { "MMSGATE_INBOUND_MEDIA_TEST_LOOPBACK", "1" } });
    }

    std::string inbound_url() const { return m_server->base_url() + "/api/plivo/inbound"; }

    static std::map<std::string, std::string> incoming(std::string const& uuid, std::string const& text,
        std::string const& from = kReviewTheirNumber, std::string const& intent = "")
    {
        return { { "From", review_digits_of(from) }, { "To", review_digits_of(kSenderNumber) }, { "Type", "sms" }, { "Text", text },
            { "MessageUUID", uuid }, { "MessageIntent", intent } };
    }

    std::vector<std::string> v2_headers(std::string const& url, std::string const& nonce)
    {
        return { std::string(kSignatureV2Header) + ": " + compute_signature_v2(kSimulatorAuthToken, url, nonce),
            std::string(kSignatureV2NonceHeader) + ": " + nonce };
    }

    // Both signatures, each with its own nonce, as Plivo sends them.
    std::vector<std::string> v3_and_v2_headers(std::string const& url, std::map<std::string, std::string> const& fields,
        std::string const& v2_nonce)
    {
        FormFields params(fields.begin(), fields.end());
        auto v3_nonce = new_signature_nonce();
        auto headers = v2_headers(url, v2_nonce);
        headers.push_back(std::string(kSignatureV3Header) + ": " + compute_signature_v3(kSimulatorAuthToken, "POST", url, params, v3_nonce));
        headers.push_back(std::string(kSignatureV3NonceHeader) + ": " + v3_nonce);
        return headers;
    }

    std::size_t stored_count(std::string const& uuid)
    {
        auto rows = m_database->query("SELECT count(*) FROM mmsgate_inbound_message WHERE plivo_uuid = '" + uuid + "'");
        return std::stoul(rows.at(0).at(0));
    }

    // The simulator delivers an incoming message; returns its MessageUUID.
    std::string simulator_delivers(nlohmann::json spec)
    {
        HttpClient simulator_client(simulator().base_url());
        auto reply = simulator_client.post_json("/_sim/inbound", spec);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().value("messageUuid", "");
    }

    // The state of the only media row, once the copier has decided.
    std::string settled_media_state()
    {
        std::string state;
        EXPECT_TRUE(eventually([&] {
            auto rows = m_database->query("SELECT state FROM mmsgate_inbound_media");
            state = rows.empty() ? "" : rows.at(0).at(0);
            return !state.empty() && state != "pending";
        }));
        return state;
    }
};

// The V2 pair of a real delivery (which verified by V3) is replayed alone with another body.
TEST_P(InboundReviewProbes, V2PairOfARealDeliveryCannotCarryAnotherBody)
{
    auto real = incoming("00000000-0000-4000-8000-000000001501", "real message");
    auto v2_nonce = new_signature_nonce();
    HttpClient plivo(m_server->base_url());
    ASSERT_EQ(plivo.post_form("/api/plivo/inbound", real, v3_and_v2_headers(inbound_url(), real, v2_nonce)).status, 200);

    auto forged = incoming("00000000-0000-4000-8000-000000001502", "STOP", "+14155550166", "optout");
    HttpClient attacker(m_server->base_url());
    auto reply = attacker.post_form("/api/plivo/inbound", forged, v2_headers(inbound_url(), v2_nonce));
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(stored_count(forged["MessageUUID"]), 0u);
}

// A fresh V2 pair (V2 signs only URL and nonce) with a body Plivo never sent.
TEST_P(InboundReviewProbes, MessageSignedOnlyWithV2IsStoredOnlyWhenPlivoConfirmsIt)
{
    HttpClient attacker(m_server->base_url());
    auto forged = incoming("00000000-0000-4000-8000-000000001503", "forged");
    auto reply = attacker.post_form("/api/plivo/inbound", forged, v2_headers(inbound_url(), new_signature_nonce()));
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(stored_count(forged["MessageUUID"]), 0u);

    // A message Plivo (the simulator) really received, delivered somewhere else so that it is not stored yet.
    auto uuid = simulator_delivers({ { "url", simulator().base_url() + "/_sim/nowhere" }, { "from", kReviewTheirNumber },
        { "to", kSenderNumber }, { "text", "real" } });
    ASSERT_FALSE(uuid.empty());
    auto wrong_sender = incoming(uuid, "real", "+14155550166");
    reply = attacker.post_form("/api/plivo/inbound", wrong_sender, v2_headers(inbound_url(), new_signature_nonce()));
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(stored_count(uuid), 0u);

    auto confirmed = incoming(uuid, "real");
    reply = attacker.post_form("/api/plivo/inbound", confirmed, v2_headers(inbound_url(), new_signature_nonce()));
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(stored_count(uuid), 1u);
}

// The same downgrade on a delivery report: the V2 pair of a V3-verified report, on the same
// per-attempt URL (which ties a V2 report to its message), with a worse status.
TEST_P(InboundReviewProbes, V2PairOfARealReportCannotCarryAnotherStatus)
{
    simulator().set_faults({ { "lose_reports", true }, { "callback_delay_ms", 3600000 } });
    auto sent = m_client->post_json("/api/send-mms", send_body("+1 415 555 0131", "report downgrade"));
    ASSERT_EQ(sent.status, 200) << sent.body;
    std::string id = sent.json()["id"], uuid = sent.json()["plivoResponse"]["messageUuid"][0];
    std::string callback_url, recipient;
    for (auto const& entry : simulator().messages()) {
        if (entry["message_uuid"][0] == uuid) {
            callback_url = entry["request"]["url"];
            recipient = entry["request"]["dst"];
        }
    }
    ASSERT_FALSE(callback_url.empty());
    auto path = callback_url.substr(m_server->base_url().size());
    std::map<std::string, std::string> real { { "MessageUUID", uuid }, { "To", recipient }, { "Status", "sent" } };
    auto v2_nonce = new_signature_nonce();
    HttpClient plivo(m_server->base_url());
    ASSERT_EQ(plivo.post_form(path, real, v3_and_v2_headers(callback_url, real, v2_nonce)).status, 200);

    std::map<std::string, std::string> forged { { "MessageUUID", uuid }, { "To", recipient }, { "Status", "undelivered" },
        { "ErrorCode", "30" }, { "TotalAmount", "999.99" } };
    auto reply = plivo.post_form(path, forged, v2_headers(callback_url, v2_nonce));
    EXPECT_EQ(reply.status, 403) << reply.body;
    auto message = m_client->get("/api/messages/" + id).json()["message"];
    EXPECT_EQ(message["state"], "sent") << message.dump();
}

// `\` ends the host for the WHATWG parser (127.0.0.1, allowed) but libcurl reads everything before
// `@` as user-info and would connect to localhost:<the simulator's port>.
TEST_P(InboundReviewProbes, MediaUrlWithBackslashAndAtIsNotFetchedFromAnotherHost)
{
    auto port = simulator().base_url().substr(simulator().base_url().rfind(':') + 1);
    auto url = fmt::format("http://127.0.0.1:1\\@localhost:{}/_sim/media/smuggled-0.png", port);
    simulator_delivers({ { "url", inbound_url() }, { "from", kReviewTheirNumber }, { "to", kSenderNumber }, { "text", "look" },
        { "mediaUrls", { url } } });
    EXPECT_EQ(settled_media_state(), "refused");
    HttpClient simulator_client(simulator().base_url());
    EXPECT_EQ(simulator_client.get("/_sim/media-fetches").json()["count"], 0);
}

// A picture must not stay usable from a shared computer's cache after sign-out: revalidated each time.
TEST_P(InboundReviewProbes, StoredMediaIsNotCachedWithoutRevalidation)
{
    simulator_delivers({ { "url", inbound_url() }, { "from", kReviewTheirNumber }, { "to", kSenderNumber }, { "text", "" }, { "mediaCount", 1 } });
    ASSERT_EQ(settled_media_state(), "stored");
    auto media_id = m_database->query("SELECT media_id FROM mmsgate_inbound_media").at(0).at(0);
    auto first = m_client->get("/api/media/" + media_id);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.header("cache-control").value_or(""), "private, no-cache");
    auto etag = first.header("etag").value_or("");
    ASSERT_FALSE(etag.empty());
    auto again = m_client->get("/api/media/" + media_id, { "If-None-Match: " + etag });
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
}

// Plivo would post every incoming message, signatures included, in clear text.
TEST_P(InboundReviewProbes, PlivoSetupRefusesAPlainHttpPublicUrl)
{
    auto environment = server_environment({ { "MMSGATE_PUBLIC_URL", "http://mms.example.com" } });
    auto [status, output] = run_mmsgate({ "plivo", "setup" }, environment, "");
    EXPECT_NE(status, 0) << output;
    HttpClient simulator_client(simulator().base_url());
    EXPECT_TRUE(simulator_client.get("/_sim/applications").json()["applications"].empty());
}

// The same picture sent again and again is kept once.
TEST_P(InboundReviewProbes, RepeatedMediaAreStoredOnce)
{
    auto port = simulator().base_url().substr(simulator().base_url().rfind(':') + 1);
    auto url = fmt::format("http://127.0.0.1:{}/_sim/media/same.png", port);
    simulator_delivers({ { "url", inbound_url() }, { "from", kReviewTheirNumber }, { "to", kSenderNumber }, { "text", "" },
        { "mediaUrls", { url, url, url } } });
    ASSERT_TRUE(eventually([&] {
        return m_database->query("SELECT count(*) FROM mmsgate_inbound_media WHERE state = 'stored'").at(0).at(0) == "3";
    }));
    EXPECT_EQ(m_database->query("SELECT count(*) FROM mmsgate_media").at(0).at(0), "1");
    EXPECT_EQ(m_database->query("SELECT count(DISTINCT media_id) FROM mmsgate_inbound_media").at(0).at(0), "1");
}

MMSGATE_ON_EVERY_BACKEND(InboundReviewProbes);

// Media fill the disk no further than MMSGATE_MEDIA_MAX_TOTAL_BYTES: beyond it a copy is refused.
class InboundQuotaReviewProbes : public InboundReviewProbes {
protected:
    void prepare() override
    {
        start_signed_in({ { "MMSGATE_INBOUND_MEDIA_HOSTS", "127.0.0.1" }, { "MMSGATE_INBOUND_MEDIA_TEST_LOOPBACK", "1" },
            { "MMSGATE_MEDIA_MAX_TOTAL_BYTES", "100" } });
    }
};

TEST_P(InboundQuotaReviewProbes, MediaBeyondTheTotalQuotaAreRefused)
{
    // A 70-byte PNG, then a 43-byte GIF: together over 100 bytes.
    simulator_delivers({ { "url", inbound_url() }, { "from", kReviewTheirNumber }, { "to", kSenderNumber }, { "text", "" }, { "mediaCount", 2 } });
    std::vector<std::vector<std::string>> rows;
    ASSERT_TRUE(eventually([&] {
        rows = m_database->query("SELECT state, last_error FROM mmsgate_inbound_media WHERE state <> 'pending' ORDER BY state DESC");
        return rows.size() == 2;
    }));
    // Whichever was copied first fits; the other does not.
    EXPECT_EQ(rows[0][0], "stored");
    EXPECT_EQ(rows[1][0], "refused");
    EXPECT_NE(rows[1][1].find("MMSGATE_MEDIA_MAX_TOTAL_BYTES"), std::string::npos) << rows[1][1];
    EXPECT_EQ(m_database->query("SELECT count(*) FROM mmsgate_media").at(0).at(0), "1");
}

MMSGATE_ON_EVERY_BACKEND(InboundQuotaReviewProbes);

}
