// Probes of the HTTP layer (issue 12): each test replays an attack that worked against the old
// server, over real loopback HTTP against the real binary, and expects it to fail now.
#include "integration/fixture.hpp"
#include "raw_http_connection.hpp"

#include <gtest/gtest.h>

#include <list>

namespace mmsgate::testing {

namespace {

std::string authority_of(ServerProcess const& server) { return "127.0.0.1:" + std::to_string(server.port()); }

void expect_json_error(HttpReply const& reply, long status)
{
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/json");
    EXPECT_EQ(reply.json().value("success", true), false) << reply.body;
}

}

class HttpProbes : public MmsgateTest { };

// DNS rebinding: a page on rebind.attacker.example points its name at this server; the browser
// sends the attacker's name as Host and a matching Origin. That claimed the first-run setup (201).
TEST_P(HttpProbes, RebindingHostIsMisdirectedBeforeSetup)
{
    auto& server = start_server();
    HttpClient client(server.base_url());
    auto rebound = "rebind.attacker.example:" + std::to_string(server.port());
    auto setup = client.post_json("/api/setup", { { "email", "attacker@example.com" }, { "password", "attacker password" } },
        { "Host: " + rebound, "Origin: http://" + rebound });
    expect_json_error(setup, 421);
    expect_json_error(client.get("/api/status", { "Host: " + rebound }), 421);
    expect_json_error(client.get("/api/auth/csrf", { "Host: evil.example@" + authority_of(server) }), 421);
    expect_json_error(client.get("/api/status", { "Host: 127.0.0.1:1" }), 421);
    // The server's own loopback names pass, and health checks pass by any name.
    for (auto host : { authority_of(server), "localhost:" + std::to_string(server.port()), "[::1]:" + std::to_string(server.port()) })
        EXPECT_EQ(client.get("/api/status", { "Host: " + host }).status, 200) << host;
    EXPECT_EQ(client.get("/healthz", { "Host: 10.0.0.7" }).status, 200);
    EXPECT_EQ(client.get("/readyz", { "Host: 10.0.0.7" }).status, 200);
    // Nobody was created.
    EXPECT_EQ(client.get("/api/status").json().value("setupRequired", false), true);
}

// With a configured public URL only its host (and, from loopback, the loopback names) pass.
TEST_P(HttpProbes, OnlyTheConfiguredPublicHostIsServed)
{
    auto& server = start_server({ { "NEXTAUTH_URL", "https://mms.example.test" } });
    HttpClient client(server.base_url());
    EXPECT_EQ(client.get("/api/status", { "Host: mms.example.test" }).status, 200);
    EXPECT_EQ(client.get("/api/status", { "Host: MMS.Example.Test:443" }).status, 200);
    EXPECT_EQ(client.get("/api/status").status, 200); // Host: 127.0.0.1:port, from loopback
    for (auto host : { "mms.example.test:8443", "mms.example.test.attacker.example", "attacker.example", "" })
        expect_json_error(client.get("/api/status", { std::string("Host: ") + host }), 421);
}

// The same-origin check took any scheme for the request's own Host: `Origin: https://host` passed for
// an http deployment.
TEST_P(HttpProbes, AnOriginWithAnotherSchemeIsCrossSite)
{
    auto& server = start_server();
    HttpClient client(server.base_url());
    auto reply = client.post_json("/api/setup", { { "email", "attacker@example.com" }, { "password", "attacker password" } },
        { "Origin: https://" + authority_of(server) });
    expect_json_error(reply, 403);
    expect_json_error(client.post_json("/api/setup", { { "email", "a@example.com" }, { "password", "attacker password" } },
                          { "Referer: http://evil.example/" + authority_of(server) }),
        403);
    EXPECT_EQ(client.get("/api/status").json().value("setupRequired", false), true);
}

// The old parser ended the host at '@' after a backslash, browsers at the backslash: the login and
// sign-out redirects then left the site.
TEST_P(HttpProbes, BackslashCallbackUrlDoesNotRedirectAway)
{
    start_with_user();
    HttpClient client(m_server->base_url());
    auto hostile = "http://evil.example\\@" + authority_of(*m_server) + "/";
    auto reply = client.post_form("/api/auth/signout", { { "csrfToken", client.csrf_token() }, { "callbackUrl", hostile } });
    EXPECT_EQ(reply.status, 302) << reply.body;
    EXPECT_EQ(reply.header("location"), m_server->base_url());
    auto login = client.post_form("/api/auth/callback/credentials",
        { { "email", kUserEmail }, { "password", kUserPassword }, { "csrfToken", client.csrf_token() }, { "callbackUrl", hostile } });
    EXPECT_EQ(login.status, 302) << login.body;
    EXPECT_EQ(login.header("location"), m_server->base_url());
}

// callbackUrl (body, or the percent-decoded callback-url cookie) went into Location unfiltered:
// CR LF injected Set-Cookie and Refresh headers.
TEST_P(HttpProbes, CallbackUrlCannotInjectHeaders)
{
    start_with_user();
    HttpClient client(m_server->base_url());
    auto expect_no_injection = [&](HttpReply const& reply) {
        EXPECT_EQ(reply.status, 302) << reply.body;
        EXPECT_EQ(reply.header("location"), m_server->base_url());
        EXPECT_FALSE(reply.header("refresh"));
        for (auto const& cookie : reply.headers_named("set-cookie"))
            EXPECT_EQ(cookie.find("injected"), std::string::npos) << cookie;
    };
    expect_no_injection(client.post_form("/api/auth/signout",
        { { "csrfToken", client.csrf_token() }, { "callbackUrl", "/x\r\nSet-Cookie: injected=1\r\nRefresh: 0;url=//evil.example" } }));
    expect_no_injection(client.post_form("/api/auth/callback/credentials",
        { { "email", kUserEmail }, { "password", kUserPassword }, { "csrfToken", client.csrf_token() },
            { "callbackUrl", "/send\r\nSet-Cookie: injected=1" } }));
    auto token = client.csrf_token();
    client.cookies()["next-auth.callback-url"] = "%2Fx%0D%0ASet-Cookie%3A%20injected%3D1%0D%0ARefresh%3A%200";
    expect_no_injection(client.post_form("/api/auth/signout", { { "csrfToken", token } }));
}

// The first request's headers could trickle in for the idle timeout (60 s) instead of the header
// timeout: one byte now and then held a connection for a minute.
TEST_P(HttpProbes, TrickledHeadersAreCutOffAtTheHeaderTimeout)
{
    auto& server = start_server({ { "MMSGATE_HEADER_TIMEOUT_MS", "1000" }, { "MMSGATE_IDLE_TIMEOUT_MS", "60000" } });
    RawHttpConnection connection(server.port());
    std::string request = "GET /healthz HTTP/1.1\r\nHost: " + authority_of(server) + "\r\nX-Padding: "
        + std::string(200, 'a');
    auto started = std::chrono::steady_clock::now();
    bool cut_off = false;
    // One byte every 100 ms: 20 s of header at this pace, never complete.
    for (char byte : request) {
        if (!connection.send(std::string_view(&byte, 1)) || connection.closed_within(std::chrono::milliseconds(100))) {
            cut_off = true;
            break;
        }
    }
    auto held = std::chrono::steady_clock::now() - started;
    EXPECT_TRUE(cut_off);
    EXPECT_LT(held, std::chrono::seconds(5));
}

// Transfer-Encoding other than exactly "chunked" was read as an empty body and the rest parsed as the
// next request: a request-smuggling building block (RFC 9112 6.3: 400 and close).
TEST_P(HttpProbes, TransferEncodingOtherThanChunkedIsRefusedAndCloses)
{
    auto& server = start_server();
    for (std::string encoding : { "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, gzip",
             "Transfer-Encoding: identity", "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: CHUNKED, gzip",
             "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: 3",
             "Transfer-Encoding: \tchunked, identity", "Transfer-Encoding : chunked" }) {
        SCOPED_TRACE(encoding);
        RawHttpConnection connection(server.port());
        auto smuggled = "GET /api/status HTTP/1.1\r\nHost: " + authority_of(server) + "\r\n\r\n";
        ASSERT_TRUE(connection.send("POST /api/auth/_log HTTP/1.1\r\nHost: " + authority_of(server) + "\r\n" + encoding
            + "\r\n\r\n0\r\n\r\n" + smuggled));
        auto received = connection.read_until_closed();
        EXPECT_TRUE(connection.closed());
        EXPECT_TRUE(received.starts_with("HTTP/1.1 400 ")) << received.substr(0, 200);
        EXPECT_EQ(count_responses(received), 1) << received;
    }
    // Plain chunked still works, in any case (transfer codings are case-insensitive, RFC 9112 7).
    for (std::string coding : { "chunked", "Chunked", "CHUNKED" }) {
        SCOPED_TRACE(coding);
        RawHttpConnection connection(server.port());
        ASSERT_TRUE(connection.send("POST /api/auth/_log HTTP/1.1\r\nHost: " + authority_of(server)
            + "\r\nTransfer-Encoding: " + coding + "\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
        EXPECT_TRUE(connection.read_until_closed().starts_with("HTTP/1.1 200 "));
    }
}

// One client could take every one of the 10,000 connection slots.
TEST_P(HttpProbes, OneAddressCannotTakeEveryConnection)
{
    auto& server = start_server({ { "MMSGATE_MAX_CONNECTIONS_PER_ADDRESS", "4" } });
    HttpClient client(server.base_url());
    std::list<RawHttpConnection> held;
    for (int i = 0; i < 4; ++i) {
        held.emplace_back(server.port());
        // Each answers, so each holds a slot.
        ASSERT_TRUE(held.back().send("GET /healthz HTTP/1.1\r\nHost: " + authority_of(server) + "\r\n\r\n"));
        EXPECT_FALSE(held.back().closed_within(std::chrono::milliseconds(200)));
    }
    RawHttpConnection refused(server.port());
    (void)refused.send("GET /healthz HTTP/1.1\r\nHost: " + authority_of(server) + "\r\n\r\n");
    EXPECT_EQ(refused.read_until_closed(), "");
    EXPECT_TRUE(refused.closed());
    // A slot given back is free again.
    held.pop_front();
    EXPECT_TRUE(eventually([&] { return client.get("/healthz").status == 200; }, std::chrono::seconds(5)));
}

// An nginx on the same host without X-Forwarded-For made /metrics public: loopback peer, no
// forwarding header, but the site's own name as Host (or other X-Forwarded-* headers).
TEST_P(HttpProbes, MetricsAreNotPublicThroughALocalProxy)
{
    auto& server = start_server({ { "NEXTAUTH_URL", "https://mms.example.test" } });
    HttpClient client(server.base_url());
    expect_json_error(client.get("/metrics", { "Host: mms.example.test" }), 403);
    expect_json_error(client.get("/metrics", { "X-Forwarded-Proto: https" }), 403);
    expect_json_error(client.get("/metrics", { "X-Forwarded-Host: mms.example.test" }), 403);
    EXPECT_EQ(client.get("/metrics").status, 200); // a scraper on this host
}

TEST_P(HttpProbes, MetricsTokenPassesWhateverTheHost)
{
    auto& server = start_server({ { "NEXTAUTH_URL", "https://mms.example.test" }, { "MMSGATE_METRICS_TOKEN", "metrics-token-0123456789" } });
    HttpClient client(server.base_url());
    EXPECT_EQ(client.get("/metrics", { "Host: 10.1.2.3:9000", "Authorization: Bearer metrics-token-0123456789" }).status, 200);
    expect_json_error(client.get("/metrics", { "Host: 10.1.2.3:9000", "Authorization: Bearer wrong" }), 421);
}

// JSON answers had no nosniff, and an https deployment sent no HSTS.
TEST_P(HttpProbes, EveryResponseSaysNosniffAndHttpsSaysHsts)
{
    auto& server = start_server();
    HttpClient client(server.base_url());
    for (auto path : { "/api/status", "/api/auth/session", "/no/such/route", "/healthz", "/" }) {
        auto reply = client.get(path);
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << path;
        EXPECT_FALSE(reply.header("strict-transport-security")) << path;
    }
    expect_json_error(client.get("/api/status", { "Host: evil.example" }), 421);
    EXPECT_EQ(client.get("/api/status", { "Host: evil.example" }).header("x-content-type-options"), "nosniff");
    stop_server();

    auto& secure = start_server({ { "NEXTAUTH_URL", "https://mms.example.test" } });
    HttpClient secure_client(secure.base_url());
    auto reply = secure_client.get("/api/status", { "Host: mms.example.test" });
    EXPECT_EQ(reply.header("strict-transport-security"), "max-age=31536000");
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
}

// Media URL hosts in special-purpose ranges passed when written in an IPv6 or uncommon form.
TEST_P(HttpProbes, MediaUrlsInSpecialPurposeRangesAreRefused)
{
    start_signed_in();
    int attempt = 0;
    for (auto host : { "[::127.0.0.1]", "[::7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[fec0::1]",
             "[::ffff:0:7f00:1]", "198.18.0.1", "192.0.0.1", "0x7f.1", "2130706433", "evil.example\\@127.0.0.1",
             "127.0.0.1\\@evil.example" }) {
        SCOPED_TRACE(host);
        auto body = send_body();
        body["mediaUrl"] = std::string("http://") + host + "/a.png";
        auto reply = m_client->post_json("/api/send-mms", body, { "Idempotency-Key: media-probe-" + std::to_string(++attempt) });
        expect_json_error(reply, 400);
        EXPECT_EQ(reply.json().value("field", ""), "mediaUrl");
    }
    EXPECT_TRUE(simulator().messages().empty()) << simulator().messages().dump();
}

MMSGATE_ON_EVERY_BACKEND(HttpProbes);

}
