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
    EXPECT_EQ(url->written_host, "Example.com");
    EXPECT_EQ(url->port, 8443);
    EXPECT_EQ(url->path, "/a/b");
    EXPECT_EQ(url->query, "x=1&y=2");
    EXPECT_EQ(url->origin(), "https://example.com:8443");
    EXPECT_EQ(url->authority(), "example.com:8443");
}

TEST(Url, RejectsWhatIsNotAnAbsoluteHttpUrl)
{
    for (auto text : { "ftp://example.com/x", "example.com/x", "http://", "http://:80/", "http://a b.com/",
             "http://example.com:99999/", "http://[::1/", "http://[::1]x/", "http://example.com:8o/", "http://a:b:c/",
             "http://user@/", "javascript:alert(1)", "//example.com/", "/path", "", "http://exa%6dple.com/",
             "http://b\xc3\xbc" "cher.de/", "http://a<b/", "http://a^b/", "http://a|b/", "http://[fe80::1%25eth0]/",
             "http://[1.2.3.4]/", "http://1.2.3.4.5/", "http://256.0.0.1/", "http://1.2.3.0x100/", "http://foo.09/",
             "http://foo.1/", "http://0x100000000/", "http://4294967296/" })
        EXPECT_FALSE(parse_http_url(text)) << text;
}

TEST(Url, DefaultsPathAndPort)
{
    auto url = parse_http_url("http://example.com");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->path, "/");
    EXPECT_EQ(url->port, std::nullopt);
    EXPECT_EQ(url->effective_port(), 80);
    EXPECT_EQ(parse_http_url("https://example.com:443/")->origin(), "https://example.com");
    EXPECT_EQ(parse_http_url("http://example.com:80/")->origin(), "http://example.com");
    EXPECT_EQ(parse_http_url("http://example.com:443/")->origin(), "http://example.com:443");
    EXPECT_EQ(parse_http_url("http://example.com:0080/")->origin(), "http://example.com");
    EXPECT_EQ(parse_http_url("http://example.com:/")->origin(), "http://example.com");
}

struct OriginCase {
    char const* url;
    char const* origin;
};

// The origins a browser computes for these (new URL(url).origin in Chromium and Firefox).
TEST(Url, ComputesTheOriginBrowsersCompute)
{
    OriginCase const cases[] = {
        // A backslash is a slash in special URLs: the host ends there.
        { "http://evil.example\\@127.0.0.1:3000/", "http://evil.example" },
        { "http://evil.example\\.127.0.0.1/", "http://evil.example" },
        { "http:\\\\evil.example\\x", "http://evil.example" },
        { "http:/\\/evil.example/", "http://evil.example" },
        { "http:evil.example/", "http://evil.example" },
        { "http:///evil.example/", "http://evil.example" },
        // Userinfo ends at the last '@'.
        { "http://a@b@evil.example/", "http://evil.example" },
        { "http://127.0.0.1:3000@evil.example/", "http://evil.example" },
        { "http://user:pass@example.com:8080/", "http://example.com:8080" },
        // '?' and '#' end the host too.
        { "http://evil.example#@127.0.0.1/", "http://evil.example" },
        { "http://evil.example?@127.0.0.1/", "http://evil.example" },
        // Tabs and newlines vanish anywhere; leading and trailing spaces and controls are trimmed.
        { "http://ev\til.exa\nmple/", "http://evil.example" },
        { "ht\ttp://example.com/", "http://example.com" },
        { "  \x01http://example.com/ \x1f", "http://example.com" },
        { "http://example.com:80\r\n80/", "http://example.com:8080" },
        // IPv4 in every number form WHATWG reads.
        { "http://0x7f.1/", "http://127.0.0.1" },
        { "http://2130706433/", "http://127.0.0.1" },
        { "http://0x7f000001/", "http://127.0.0.1" },
        { "http://0177.0.0.1/", "http://127.0.0.1" },
        { "http://127.000.000.001/", "http://127.0.0.1" },
        { "http://127.1/", "http://127.0.0.1" },
        { "http://127.0.1/", "http://127.0.0.1" },
        { "http://0X7F.0.0.1/", "http://127.0.0.1" },
        { "http://127.0.0.1./", "http://127.0.0.1" },
        { "http://0x/", "http://0.0.0.0" },
        { "http://4294967295/", "http://255.255.255.255" },
        { "http://1.0x10000/", "http://1.1.0.0" },
        // IPv6: compressed, lower-case, embedded IPv4 in hex.
        { "http://[0:0:0:0:0:0:0:1]/", "http://[::1]" },
        { "http://[::FFFF:127.0.0.1]/", "http://[::ffff:7f00:1]" },
        { "http://[2001:DB8:0:0:1:0:0:1]:8080/", "http://[2001:db8::1:0:0:1]:8080" },
        { "http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]" },
        { "http://[1:0:2:3:4:5:6:7]/", "http://[1:0:2:3:4:5:6:7]" },
        { "http://[::]/", "http://[::]" },
        { "http://[::127.0.0.1]/", "http://[::7f00:1]" },
        // Names: lower-cased, a trailing dot kept, non-numeric last labels stay names.
        { "HTTP://EXAMPLE.COM/", "http://example.com" },
        { "http://example.com./", "http://example.com." },
        { "http://1.2.3.foo/", "http://1.2.3.foo" },
        { "http://0xg/", "http://0xg" },
        { "https://host_name.example/", "https://host_name.example" },
    };
    for (auto const& [url, origin] : cases) {
        SCOPED_TRACE(url);
        auto parsed = parse_http_url(url);
        ASSERT_TRUE(parsed);
        EXPECT_EQ(parsed->origin(), origin);
        EXPECT_EQ(origin_of(url), origin);
    }
}

TEST(Url, KeepsThePathAsWrittenButForBackslashes)
{
    auto url = parse_http_url("http://example.com\\a\\b?c\\d#e");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->path, "/a/b");
    EXPECT_EQ(url->query, "c\\d");
    EXPECT_EQ(parse_http_url("http://example.com/a/../%2e/b")->path, "/a/../%2e/b");
    EXPECT_EQ(parse_http_url("http://example.com?x")->path, "/");
    EXPECT_EQ(parse_http_url("http://example.com/p?x=1")->without_query(), "http://example.com/p");
}

TEST(Url, ReadsAHostHeaderAsAnAuthorityOnly)
{
    EXPECT_EQ(parse_authority("Example.com:3000", "http")->origin(), "http://example.com:3000");
    EXPECT_EQ(parse_authority("example.com", "https")->effective_port(), 443);
    EXPECT_EQ(parse_authority("[::1]:3000", "http")->origin(), "http://[::1]:3000");
    EXPECT_EQ(parse_authority("2130706433:3000", "http")->host, "127.0.0.1");
    for (auto text : { "", "evil.example@127.0.0.1:3000", "127.0.0.1:3000/x", "127.0.0.1:3000\\", "a b", "a\tb",
             "127.0.0.1:3000#", "127.0.0.1:3000?", "[::1", "host:x", "host:99999", "host\r\nX: y", "http://host" })
        EXPECT_FALSE(parse_authority(text, "http")) << text;
}

TEST(Url, RecognisesHostsPlivoCannotReach)
{
    for (auto host : { "localhost", "app.localhost", "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
             "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "[::1]", "[fe80::1]", "[fd00::1]",
             "[::ffff:127.0.0.1]", "intranet", "127.1", "printer.local", "198.18.0.1", "192.0.0.1", "[::127.0.0.1]",
             "[::7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[fec0::1]", "[::ffff:0:7f00:1]", "host.internal",
             "[fe80::1%eth0]", "[nonsense]", "1.2.3.0x10", "localhost.", "" })
        EXPECT_TRUE(is_private_or_local_host(host)) << host;
    for (auto host : { "example.com", "8.8.8.8", "172.32.0.1", "[2606:4700:4700::1111]", "media.plivo.com",
             "[64:ff9b::808:808]", "[::ffff:8.8.8.8]", "1.2.3.foo" })
        EXPECT_FALSE(is_private_or_local_host(host)) << host;
}

TEST(Url, RecognisesLoopbackNames)
{
    for (auto host : { "localhost", "LOCALHOST", "localhost.", "app.localhost", "127.0.0.1", "127.9.9.9", "[::1]", "::1",
             "[::ffff:127.0.0.1]" })
        EXPECT_TRUE(is_loopback_host(host)) << host;
    for (auto host : { "example.com", "10.0.0.1", "[::]", "0.0.0.0", "localhost.example.com", "[fe80::1]", "" })
        EXPECT_FALSE(is_loopback_host(host)) << host;
}

}
