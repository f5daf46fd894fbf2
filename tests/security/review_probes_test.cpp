// Probes for holes a review found in the merged hardening (issues 12, 13, 19): each replays the
// attack over real loopback HTTP against the real binary and fails on the code before the fix.
#include "integration/fixture.hpp"
#include "raw_http_connection.hpp"

#include <gtest/gtest.h>

namespace mmsgate::testing {

class ReviewProbes : public MmsgateTest { };

// nginx with a plain `proxy_pass http://127.0.0.1:3000;` connects from loopback and sends
// Host: 127.0.0.1:3000 and no forwarding header for every internet request: /metrics was public
// and the Host check passed anything. With the proxy declared, loopback earns nothing.
TEST_P(ReviewProbes, APlainLocalProxyNamingLoopbackGetsNeitherTheSiteNorMetrics)
{
    auto& server = start_server({ { "MMSGATE_TRUSTED_PROXIES", "127.0.0.1" }, { "NEXTAUTH_URL", "https://mms.example.test" },
        { "MMSGATE_METRICS_TOKEN", "metrics-token-0123456789" } });
    HttpClient client(server.base_url()); // Host: 127.0.0.1:<port>, from 127.0.0.1
    EXPECT_EQ(client.get("/api/status").status, 421);
    EXPECT_NE(client.get("/metrics").status, 200);
    EXPECT_EQ(client.get("/metrics", { "Host: mms.example.test" }).status, 403);
    EXPECT_EQ(client.get("/api/status", { "Host: mms.example.test" }).status, 200);
    EXPECT_EQ(client.get("/metrics", { "Authorization: Bearer metrics-token-0123456789" }).status, 200);
}

MMSGATE_ON_EVERY_BACKEND(ReviewProbes);

}
