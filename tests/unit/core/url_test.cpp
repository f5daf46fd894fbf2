#include "core/url.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(Url, ParsesTheParts)
{
    auto url = parse_http_url("HTTPS://User:pw@Example.com:8443/a/b?x=1&y=2#frag");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->scheme, "https");
    EXPECT_EQ(url->user_info, "User:pw");
    EXPECT_EQ(url->host, "example.com");
    EXPECT_EQ(url->port, 8443);
    EXPECT_EQ(url->path, "/a/b");
    EXPECT_EQ(url->query, "x=1&y=2");
    EXPECT_EQ(url->origin(), "https://example.com:8443");
}

TEST(Url, RejectsWhatIsNotAnAbsoluteHttpUrl)
{
    for (auto text : { "ftp://example.com/x", "example.com/x", "http://", "http://:80/", "http://a b.com/",
             "http://example.com:99999/", "http://[::1/" })
        EXPECT_FALSE(parse_http_url(text)) << text;
}

TEST(Url, DefaultsPathAndPort)
{
    auto url = parse_http_url("http://example.com");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->path, "/");
    EXPECT_EQ(url->effective_port(), 80);
}

TEST(Url, RecognisesHostsPlivoCannotReach)
{
    for (auto host : { "localhost", "app.localhost", "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
             "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "[::1]", "[fe80::1]", "[fd00::1]",
             "[::ffff:127.0.0.1]", "intranet", "127.1", "printer.local" })
        EXPECT_TRUE(is_private_or_local_host(host)) << host;
    for (auto host : { "example.com", "8.8.8.8", "172.32.0.1", "[2001:db8::1]", "media.plivo.com" })
        EXPECT_FALSE(is_private_or_local_host(host)) << host;
}

}
