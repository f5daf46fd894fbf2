// Probes of issue 15's receiving side: an attacker who can make Plivo (or a forged request) name
// any media URL tries to make mmsgate fetch from this machine or its network, and to get a forged
// or replayed message stored.
#include "integration/fixture.hpp"

#include "plivo/signature.hpp"

#include <fmt/format.h>

namespace mmsgate::testing {

class InboundProbes : public MmsgateTest {
protected:
    // A signed incoming MMS with one media URL, as Plivo would post it.
    HttpReply post_mms(std::string const& uuid, std::string const& media_url)
    {
        std::map<std::string, std::string> fields { { "From", "14155550142" }, { "To", "14155550100" }, { "Type", "mms" },
            { "Body", "look" }, { "MessageUUID", uuid }, { "MediaCount", "1" }, { "Media0", media_url } };
        FormFields params(fields.begin(), fields.end());
        auto url = m_server->base_url() + "/api/plivo/inbound";
        auto nonce = new_signature_nonce();
        HttpClient plivo(m_server->base_url());
        return plivo.post_form("/api/plivo/inbound", fields,
            { std::string(kSignatureV3Header) + ": " + compute_signature_v3(kSimulatorAuthToken, "POST", url, params, nonce),
                std::string(kSignatureV3NonceHeader) + ": " + nonce });
    }

    std::string media_state(std::string const& uuid)
    {
        auto rows = m_database->query("SELECT im.state FROM mmsgate_inbound_media im JOIN mmsgate_inbound_message i ON "
                                      "i.id = im.inbound_message_id WHERE i.plivo_uuid = '" + uuid + "'");
        return rows.empty() ? "" : rows[0][0];
    }
};

TEST_P(InboundProbes, MediaUrlsPointingAtThisMachineAreNeverFetchedEvenOnAnAllowedHostName)
{
    // The operator allowed 127.0.0.1 as a media host by mistake; without the test-only setting,
    // plain http and loopback addresses stay refused.
    start_signed_in({ { "MMSGATE_INBOUND_MEDIA_HOSTS", "127.0.0.1,localhost" } });
    auto port = simulator().base_url().substr(simulator().base_url().rfind(':') + 1);
    ASSERT_EQ(post_mms("probe-http-loopback", fmt::format("http://127.0.0.1:{}/_sim/media/a.png", port)).status, 200);
    ASSERT_EQ(post_mms("probe-https-loopback", fmt::format("https://localhost:{}/_sim/media/b.png", port)).status, 200);
    ASSERT_EQ(post_mms("probe-credentials", fmt::format("https://user:pass@127.0.0.1:{}/_sim/media/c.png", port)).status, 200);
    for (auto uuid : { "probe-http-loopback", "probe-https-loopback", "probe-credentials" })
        EXPECT_TRUE(eventually([&] { return media_state(uuid) == "refused"; })) << uuid << ": " << media_state(uuid);
    HttpClient simulator_client(simulator().base_url());
    EXPECT_EQ(simulator_client.get("/_sim/media-fetches").json()["count"], 0);
}

TEST_P(InboundProbes, AMessageSignedWithAnotherTokenOrNoNonceIsNotStored)
{
    start_signed_in();
    std::map<std::string, std::string> fields { { "From", "14155550142" }, { "To", "14155550100" }, { "Type", "sms" },
        { "Text", "forged" }, { "MessageUUID", "probe-forged" } };
    FormFields params(fields.begin(), fields.end());
    auto url = m_server->base_url() + "/api/plivo/inbound";
    HttpClient attacker(m_server->base_url());
    // A signature without its nonce header, and a V2 signature of another URL.
    EXPECT_EQ(attacker.post_form("/api/plivo/inbound", fields,
                          { std::string(kSignatureV3Header) + ": " + compute_signature_v3(kSimulatorAuthToken, "POST", url, params, "1") })
                  .status,
        403);
    EXPECT_EQ(attacker.post_form("/api/plivo/inbound", fields,
                          { std::string(kSignatureV2Header) + ": " + compute_signature_v2(kSimulatorAuthToken, "https://elsewhere.example/x", "2"),
                              std::string(kSignatureV2NonceHeader) + ": 2" })
                  .status,
        403);
    EXPECT_EQ(m_database->query("SELECT count(*) FROM mmsgate_inbound_message").at(0).at(0), "0");
}

MMSGATE_ON_EVERY_BACKEND(InboundProbes);

}
