#include "plivo/http_client.hpp"

#include "support/run_until_done.hpp"
#include "tls_server.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mmsgate {

using namespace mmsgate::testing;

namespace {

Awaitable<HttpOutcome> fetch(HttpClient& client, std::string url)
{
    HttpRequest request("POST", std::move(url), {}, "{}");
    co_return co_await client.request(std::move(request));
}

// The certificate as a CA bundle file, removed afterwards.
struct BundleFile {
    explicit BundleFile(std::string const& pem)
        : path(std::filesystem::temp_directory_path() / ("mmsgate-ca-" + std::to_string(::getpid()) + ".pem"))
    {
        std::ofstream(path) << pem;
    }
    ~BundleFile() { std::filesystem::remove(path); }
    std::filesystem::path path;
};

}

TEST(HttpClientTls, UntrustedCertificateFailsTheHandshakeAndWasNeverSent)
{
    TlsServer server(make_self_signed_certificate());
    HttpClient client;
    auto outcome = run_until_done(fetch(client, "https://127.0.0.1:" + std::to_string(server.port()) + "/"));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::NeverSent) << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("curl error 60"), std::string::npos) << outcome.error().message; // peer verification
}

TEST(HttpClientTls, TrustsTheConfiguredCaBundle)
{
    auto certificate = make_self_signed_certificate();
    TlsServer server(certificate);
    BundleFile bundle(certificate.certificate_pem);
    HttpClient client({ .ca_bundle = bundle.path.string() });
    auto outcome = run_until_done(fetch(client, "https://127.0.0.1:" + std::to_string(server.port()) + "/"));
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_EQ(outcome->status, 200);
    EXPECT_EQ(outcome->body, "secure");
}

TEST(HttpClientTls, VerifiesTheHostNameEvenWithATrustedCertificate)
{
    auto certificate = make_self_signed_certificate();
    TlsServer server(certificate);
    BundleFile bundle(certificate.certificate_pem);
    HttpClient client({ .ca_bundle = bundle.path.string() });
    // The certificate names IP 127.0.0.1 only; "localhost" resolves there but does not match.
    auto outcome = run_until_done(fetch(client, "https://localhost:" + std::to_string(server.port()) + "/"));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, TransportFailureKind::NeverSent) << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("curl error 60"), std::string::npos) << outcome.error().message; // peer verification
}

}
