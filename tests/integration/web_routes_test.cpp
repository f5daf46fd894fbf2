// The web UI's pages through the real server: known client-side routes answer 200 with the app,
// any other path the app too (it shows its own "Page not found") but with status 404.
#include "integration/fixture.hpp"

namespace mmsgate::testing {

class WebRoutesTest : public MmsgateTest {
protected:
    void prepare() override { start_with_user(); }
};

TEST_P(WebRoutesTest, UnknownPagesAnswer404WithTheAppAndKnownOnes200)
{
    HttpClient client(m_server->base_url());
    for (std::string path : { "/", "/login", "/setup", "/send-mms", "/messages", "/messages/msg_123", "/messages?state=failed",
             "/conversations", "/conversations/conv_123", "/conversations?q=0123" }) {
        auto reply = client.get(path);
        EXPECT_EQ(reply.status, 200) << path;
        EXPECT_NE(reply.body.find("<div id=\"root\""), std::string::npos) << path << ": " << reply.body.substr(0, 200);
    }
    for (std::string path : { "/nope", "/messages/a/b", "/send-mms/extra", "/Login", "/conversations/", "/conversations/a/b" }) {
        auto reply = client.get(path);
        EXPECT_EQ(reply.status, 404) << path;
        EXPECT_NE(reply.body.find("<div id=\"root\""), std::string::npos) << path << " still gets the app";
    }
    EXPECT_EQ(client.get("/assets/missing.js").status, 404);
    EXPECT_EQ(client.get("/api/nope").status, 404);
}

MMSGATE_ON_EVERY_BACKEND(WebRoutesTest);

}
