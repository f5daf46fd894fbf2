// GET /api/openapi.json through the real server: public, the embedded document, revalidated by ETag.
// That the body equals docs/openapi.yaml is checked by tests/openapi/check-responses.mjs on the
// recorded answer (it parses the YAML with the npm `yaml` package, independently of the build step).
#include "integration/fixture.hpp"

namespace mmsgate::testing {

class OpenApiTest : public MmsgateTest {
protected:
    void prepare() override { start_with_user(); }
};

TEST_P(OpenApiTest, ServesTheDocumentWithoutASessionAndRevalidatesByETag)
{
    HttpClient client(m_server->base_url());
    auto reply = client.get("/api/openapi.json");
    ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 200);
    EXPECT_EQ(reply.header("content-type").value_or(""), "application/json");
    auto document = reply.json();
    EXPECT_TRUE(document.value("openapi", "").starts_with("3.1")) << document.value("openapi", "");
    EXPECT_TRUE(document["paths"].contains("/api/openapi.json"));
    EXPECT_TRUE(document["components"]["securitySchemes"].contains("session"));
    EXPECT_TRUE(document["components"]["securitySchemes"].contains("bearerAuth"));
    EXPECT_TRUE(document["webhooks"].contains("message.state_changed"));

    auto etag = reply.header("etag");
    ASSERT_TRUE(etag.has_value());
    EXPECT_EQ(reply.header("cache-control").value_or(""), "public, no-cache");
    auto again = client.get("/api/openapi.json", { "If-None-Match: " + *etag });
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(client.get("/api/openapi.json", { "If-None-Match: \"other\"" }).status, 200);
}

MMSGATE_ON_EVERY_BACKEND(OpenApiTest);

}
