// `mmsgate serve` with no Plivo credentials: the simulator runs inside the process, and the whole
// flow (first-run setup, login, send, delivery report) works without anything outside the machine.
#include "integration/fixture.hpp"

namespace mmsgate::testing {

class SandboxTest : public MmsgateTest { };

TEST_P(SandboxTest, SetupLoginSendAndDeliveryWithoutPlivo)
{
    start_server({ { "PLIVO_AUTH_ID", "" }, { "PLIVO_AUTH_TOKEN", "" }, { "PLIVO_SENDER_NUMBER", "" }, { "PLIVO_API_URL", "" } });
    EXPECT_NE(m_server->process().output().find("sandbox mode"), std::string::npos);
    HttpClient client(m_server->base_url());
    auto status = client.get("/api/status").json();
    EXPECT_EQ(status["sandbox"], true);
    EXPECT_EQ(status["setupRequired"], true);

    auto setup = client.post_json("/api/setup",
        { { "email", kUserEmail }, { "password", kUserPassword }, { "name", "Alice" }, { "token", setup_token() } });
    ASSERT_EQ(setup.status, 201) << setup.body;
    EXPECT_EQ(client.post_json("/api/setup", { { "email", "eve@example.com" }, { "password", "another password" }, { "token", setup_token() } }).status,
        409);
    EXPECT_EQ(client.get("/api/status").json()["setupRequired"], false);

    ASSERT_EQ(client.login(kUserEmail, kUserPassword).status, 200);
    auto reply = client.post_json("/api/send-mms", send_body());
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json()["sandbox"], true);
    EXPECT_EQ(reply.json()["plivoResponse"]["messageUuid"].size(), 1u);
    auto id = reply.json()["id"].get<std::string>();

    std::string state;
    EXPECT_TRUE(eventually(
        [&] { return (state = client.get("/api/messages/" + id).json()["message"].value("state", "")) == "delivered"; },
        std::chrono::seconds(10)))
        << state;
}

TEST_P(SandboxTest, MetricsCountRequestsAndRefuseOtherHostsWithoutToken)
{
    start_server({ { "MMSGATE_METRICS_TOKEN", "metrics-token-0123456789" } });
    HttpClient client(m_server->base_url());
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(client.get("/healthz").status, 200);
    auto metrics = client.get("/metrics");
    ASSERT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.body.find("mmsgate_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 3"), std::string::npos)
        << metrics.body.substr(0, 2000);
    EXPECT_NE(metrics.body.find("mmsgate_messages{state=\"delivered\"}"), std::string::npos);
    // A proxy on this host forwarding someone else's request is not "loopback".
    EXPECT_EQ(client.get("/metrics", { "X-Forwarded-For: 203.0.113.7" }).status, 403);
    EXPECT_EQ(client.get("/metrics", { "X-Forwarded-For: 203.0.113.7", "Authorization: Bearer metrics-token-0123456789" }).status, 200);
}

MMSGATE_ON_EVERY_BACKEND(SandboxTest);

}
