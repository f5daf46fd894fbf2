// Probes of issue 12 item 2: forged and replayed delivery reports. A V2 signature covers only the
// URL and the nonce, so a captured V2 header pair must not let anyone rewrite another message, and
// no signature may be used twice. The attacker here holds what one capture gives: a valid header
// pair for a URL (computed with the account token, as Plivo would have sent it).
#include "integration/fixture.hpp"

#include "plivo/signature.hpp"

namespace mmsgate::testing {

namespace {

struct SentMessage {
    std::string id;
    std::string uuid;
    std::string recipient_digits;
    std::string callback_url;
};

}

class ReportProbes : public MmsgateTest {
protected:
    void prepare() override
    {
        start_signed_in();
        // No report of Plivo's own arrives during the test: every state change is a probe's.
        // Plivo's Get Message keeps saying "queued" (its state moves on the callbacks' timeline).
        simulator().set_faults({ { "lose_reports", true }, { "callback_delay_ms", 3600000 } });
    }

    SentMessage send(std::string const& to, std::string const& text)
    {
        auto reply = m_client->post_json("/api/send-mms", send_body(to, text));
        EXPECT_EQ(reply.status, 200) << reply.body;
        auto body = reply.json();
        SentMessage sent { body["id"], body["plivoResponse"]["messageUuid"][0], "", "" };
        for (auto const& entry : simulator().messages()) {
            if (entry["message_uuid"][0] == sent.uuid) {
                sent.recipient_digits = entry["request"]["dst"];
                sent.callback_url = entry["request"]["url"];
            }
        }
        EXPECT_FALSE(sent.callback_url.empty());
        return sent;
    }

    nlohmann::json message(std::string const& id) { return m_client->get("/api/messages/" + id).json()["message"]; }

    // The path of `url` (which starts with the server's base URL).
    std::string path_of(std::string const& url) { return url.substr(m_server->base_url().size()); }

    std::vector<std::string> v2_headers(std::string const& url, std::string const& nonce)
    {
        return { "X-Plivo-Signature-V2: " + compute_signature_v2(kSimulatorAuthToken, url, nonce),
            "X-Plivo-Signature-V2-Nonce: " + nonce };
    }

    std::vector<std::string> v3_headers(std::string const& method, std::string const& url, FormFields const& params,
        std::string const& nonce)
    {
        return { "X-Plivo-Signature-V3: " + compute_signature_v3(kSimulatorAuthToken, method, url, params, nonce),
            "X-Plivo-Signature-V3-Nonce: " + nonce };
    }

    static std::map<std::string, std::string> forged_body(SentMessage const& target)
    {
        return { { "MessageUUID", target.uuid }, { "To", target.recipient_digits }, { "Status", "undelivered" },
            { "ErrorCode", "30" }, { "TotalAmount", "999.99" }, { "Sequence", "9" } };
    }

    void expect_untouched(SentMessage const& target)
    {
        auto now = message(target.id);
        EXPECT_EQ(now["state"], "queued") << now.dump();
        EXPECT_NE(now["totalAmount"], "999.99") << now.dump();
    }
};

TEST_P(ReportProbes, ForgedV2ReportWithAnotherBodyIsNotApplied)
{
    auto first = send("+1 415 555 0121", "first");
    auto victim = send("+1 415 555 0122", "victim");
    HttpClient attacker(m_server->base_url());

    // A V2 pair captured from the first message's own callback URL, with a body about the victim.
    auto on_first = attacker.post_form(path_of(first.callback_url), forged_body(victim),
        v2_headers(first.callback_url, new_signature_nonce()));
    EXPECT_NE(on_first.status, 500) << on_first.body;
    expect_untouched(victim);

    // A V2 pair captured on the plain URL (reports of messages sent before per-attempt URLs).
    auto plain = m_server->base_url() + "/api/plivo/status";
    auto on_plain = attacker.post_form("/api/plivo/status", forged_body(victim), v2_headers(plain, new_signature_nonce()));
    EXPECT_NE(on_plain.status, 500) << on_plain.body;
    expect_untouched(victim);

    // The victim's own URL, but with a forged body: only what Plivo confirms may change.
    auto on_victim = attacker.post_form(path_of(victim.callback_url), forged_body(first),
        v2_headers(victim.callback_url, new_signature_nonce()));
    EXPECT_NE(on_victim.status, 500) << on_victim.body;
    expect_untouched(first);
}

TEST_P(ReportProbes, ReplayedV2NonceIsRefused)
{
    auto target = send("+1 415 555 0123", "replayed");
    HttpClient plivo(m_server->base_url());
    auto nonce = new_signature_nonce();
    auto headers = v2_headers(target.callback_url, nonce);
    std::map<std::string, std::string> genuine { { "MessageUUID", target.uuid }, { "To", target.recipient_digits },
        { "Status", "sent" }, { "Sequence", "2" } };
    EXPECT_EQ(plivo.post_form(path_of(target.callback_url), genuine, headers).status, 200);
    EXPECT_EQ(message(target.id)["state"], "sent");
    // The captured pair again, with the body an attacker wants.
    auto replayed = plivo.post_form(path_of(target.callback_url), forged_body(target), headers);
    EXPECT_EQ(replayed.status, 403) << replayed.body;
    EXPECT_EQ(message(target.id)["state"], "sent");
    EXPECT_NE(message(target.id)["totalAmount"], "999.99");
}

TEST_P(ReportProbes, GetReportSignedWithV2IsNotApplied)
{
    auto first = send("+1 415 555 0124", "get first");
    auto victim = send("+1 415 555 0125", "get victim");
    HttpClient attacker(m_server->base_url());
    // V2 leaves the query out of the signature: any query rides on a captured pair.
    auto query = encode_form({ { "MessageUUID", victim.uuid }, { "To", victim.recipient_digits }, { "Status", "undelivered" },
        { "TotalAmount", "999.99" } });
    for (auto const& url : { first.callback_url, m_server->base_url() + "/api/plivo/status" }) {
        auto reply = attacker.get(path_of(url) + "?" + query, v2_headers(url, new_signature_nonce()));
        EXPECT_NE(reply.status, 500) << reply.body;
        expect_untouched(victim);
    }
}

TEST_P(ReportProbes, ValidV3ReportIsAppliedOnceAndItsReplayRefused)
{
    auto target = send("+1 415 555 0126", "v3 once");
    HttpClient plivo(m_server->base_url());
    FormFields params { { "MessageUUID", target.uuid }, { "To", target.recipient_digits }, { "Status", "delivered" },
        { "Sequence", "3" }, { "TotalAmount", "0.0160" }, { "Units", "1" } };
    std::map<std::string, std::string> form(params.begin(), params.end());
    auto headers = v3_headers("POST", target.callback_url, params, new_signature_nonce());
    auto applied = plivo.post_form(path_of(target.callback_url), form, headers);
    EXPECT_EQ(applied.status, 200) << applied.body;
    EXPECT_EQ(message(target.id)["state"], "delivered");
    EXPECT_EQ(message(target.id)["totalAmount"], "0.0160");
    auto replayed = plivo.post_form(path_of(target.callback_url), form, headers);
    EXPECT_EQ(replayed.status, 403) << replayed.body;
}

// A report answered 404 (no message holds its uuid) burned its nonce, so Plivo's retry of it,
// once the uuid is known, was refused as a replay and the report lost. A report that records
// nothing consumes nothing; one that records something is still accepted once.
TEST_P(ReportProbes, AReportThatRecordedNothingIsNotRefusedAsAReplayWhenRetried)
{
    auto target = send("+1 415 555 0127", "retried report");
    HttpClient plivo(m_server->base_url());
    auto plain = m_server->base_url() + "/api/plivo/status";
    FormFields unknown { { "MessageUUID", "00000000-0000-4000-8000-000000000127" }, { "Status", "delivered" } };
    auto unknown_headers = v3_headers("POST", plain, unknown, new_signature_nonce());
    std::map<std::string, std::string> unknown_form(unknown.begin(), unknown.end());
    EXPECT_EQ(plivo.post_form("/api/plivo/status", unknown_form, unknown_headers).status, 404);
    auto retried = plivo.post_form("/api/plivo/status", unknown_form, unknown_headers);
    EXPECT_EQ(retried.status, 404) << retried.body;

    FormFields known { { "MessageUUID", target.uuid }, { "To", target.recipient_digits }, { "Status", "delivered" } };
    std::map<std::string, std::string> known_form(known.begin(), known.end());
    auto known_headers = v3_headers("POST", plain, known, new_signature_nonce());
    EXPECT_EQ(plivo.post_form("/api/plivo/status", known_form, known_headers).status, 200);
    EXPECT_EQ(message(target.id)["state"], "delivered");
    EXPECT_EQ(plivo.post_form("/api/plivo/status", known_form, known_headers).status, 403);
}

MMSGATE_ON_EVERY_BACKEND(ReportProbes);

}
