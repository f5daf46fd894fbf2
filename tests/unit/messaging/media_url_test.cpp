#include "messaging/send/media_url.hpp"

#include "field_error.hpp"
#include "support/matchers.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mmsgate {

using testing::IsFieldError;
using testing::IsOk;

namespace {

std::string url_of_length(std::size_t length)
{
    std::string url = "https://example.com/";
    url.append(length - url.size(), 'a');
    return url;
}

}

TEST(MediaUrl, AcceptsPublicHttpAndHttpsUrls)
{
    for (std::string url : { "https://example.com/photo.jpg", "http://example.com/a.png", "HTTPS://Example.COM/A.PNG",
             "https://cdn.example.com:8443/p/x.gif?size=large&v=2", "https://example.com/a.png#preview",
             "https://example.com./a.png", "https://media_host.example.com/a.png", "https://8.8.8.8/a.png",
             "https://[2606:4700:4700::1111]/a.png", "https://example.com/caf%C3%A9.jpg", "https://example.com" })
        EXPECT_THAT(validate_media_url(url, { "mediaUrls", 0 }), IsOk()) << url;
    EXPECT_THAT(validate_media_url(url_of_length(kMaxMediaUrlLength), { "mediaUrls", 0 }), IsOk());
}

struct Rejected {
    std::string url;
    char const* phrase;
};

TEST(MediaUrl, RejectsEveryKindOfUnusableUrl)
{
    Rejected const cases[] = {
        { "", "is empty" },
        { url_of_length(kMaxMediaUrlLength + 1), "is 2049 characters long; a media URL can be at most 2048" },
        // Not http(s).
        { "ftp://example.com/a.png", "starts with \"ftp:\", but Plivo fetches media over the web" },
        { "data:image/png;base64,iVBORw0KGgo=", "starts with \"data:\"" },
        { "file:///etc/passwd", "starts with \"file:\"" },
        { "javascript:alert(1)", "starts with \"javascript:\"" },
        // Relative or without a scheme.
        { "/images/a.png", "is not a full address; it must start with https://" },
        { "images/a.png", "is not a full address" },
        { "example.com/a.png", "is not a full address" },
        { "//example.com/a.png", "is not a full address" },
        { "example.com:8080/a.png", "is not a full address" },
        { "localhost:3000/a.png", "is not a full address" },
        { "https:/example.com/a.png", "must have two slashes after \"https:\"" },
        { "https:example.com/a.png", "must have two slashes" },
        // Malformed authority.
        { "https://example.com:99999/a.png", "is not a valid web address" },
        { "https://:443/a.png", "is not a valid web address" },
        { "https:///a.png", "is not a valid web address" },
        { "https://[::1/a.png", "is not a valid web address" },
        // Credentials.
        { "https://user:secret@example.com/a.png", "contains a user name or password" },
        { "https://user@example.com/a.png", "contains a user name or password" },
        // Whitespace, control and non-ASCII characters.
        { "https://example.com/a b.png", "contains a space or a control character" },
        { "https://example.com/a.png\n", "contains a space or a control character" },
        { "https://example.com/a\tb.png", "contains a space or a control character" },
        { "https://example.com/a\x7f.png", "contains a space or a control character" },
        { "https://example.com/caf\u00e9.jpg", "contains non-ASCII characters" },
        { "https://b\u00fccher.de/a.png", "contains non-ASCII characters" },
        { "https://exa%6dple.com/a.png", "is not a valid web address" },
        { "https://exa!mple.com/a.png", "contains characters a host name cannot have" },
        // Hosts only this machine or its network can reach.
        { "https://localhost/a.png", "points to \"localhost\", a local or private address that Plivo cannot reach" },
        { "https://localhost./a.png", "points to \"localhost.\"" },
        { "https://LOCALHOST:3000/a.png", "points to \"localhost\"" },
        { "https://app.localhost/a.png", "a local or private address" },
        { "https://intranet/a.png", "a local or private address" },
        { "https://printer.local/a.png", "a local or private address" },
        { "http://127.0.0.1/a.png", "points to \"127.0.0.1\"" },
        { "http://127.0.0.1:8080/a.png", "points to \"127.0.0.1\"" },
        { "http://10.0.0.5/a.png", "points to \"10.0.0.5\"" },
        { "http://172.16.0.1/a.png", "points to \"172.16.0.1\"" },
        { "http://192.168.1.20/a.png", "points to \"192.168.1.20\"" },
        { "http://169.254.169.254/latest/meta-data/", "points to \"169.254.169.254\"" },
        { "http://100.64.0.1/a.png", "points to \"100.64.0.1\"" },
        { "http://0.0.0.0/a.png", "points to \"0.0.0.0\"" },
        { "http://[::1]/a.png", "points to \"[::1]\"" },
        { "http://[::]/a.png", "points to \"[::]\"" },
        { "http://[fe80::1]/a.png", "a local or private address" },
        { "http://[fd12:3456::1]/a.png", "a local or private address" },
        { "http://[::ffff:10.0.0.1]/a.png", "a local or private address" },
        // A zone id is not part of a URL host (WHATWG): refused as malformed.
        { "http://[fe80::1%25eth0]/a.png", "is not a valid web address" },
        // Every IANA special-purpose range, IPv4 embedded in IPv6 in all its forms (the attacker's list).
        { "http://[::127.0.0.1]/a.png", "points to \"[::7f00:1]\", a local or private address" },
        { "http://[::7f00:1]/a.png", "a local or private address" },
        { "http://[64:ff9b::7f00:1]/a.png", "a local or private address" },
        { "http://[2002:7f00:1::1]/a.png", "a local or private address" },
        { "http://[fec0::1]/a.png", "a local or private address" },
        { "http://[::ffff:0:7f00:1]/a.png", "a local or private address" },
        { "http://[2001:0:808:808::80ff:fffe]/a.png", "a local or private address" },
        { "http://[64:ff9b:1::808:808]/a.png", "a local or private address" },
        { "http://[2001:db8::1]/a.png", "a local or private address" },
        { "http://[ff02::1]/a.png", "a local or private address" },
        { "http://198.18.0.1/a.png", "points to \"198.18.0.1\"" },
        { "http://192.0.0.1/a.png", "points to \"192.0.0.1\"" },
        { "http://192.0.2.1/a.png", "a local or private address" },
        { "http://224.0.0.1/a.png", "a local or private address" },
        { "http://255.255.255.255/a.png", "a local or private address" },
        { "http://240.1.2.3/a.png", "a local or private address" },
        // Browsers end the host at a backslash, curl does not: each reads another host in these.
        { "http://127.0.0.1\\@evil.example/a.png", "contains a backslash" },
        { "http://evil.example\\@127.0.0.1/a.png", "contains a backslash" },
        { "https://example.com/a\\b.png", "contains a backslash" },
        // Numeric hosts that some resolvers read as 127.0.0.1.
        { "http://2130706433/a.png", "writes the address \"2130706433\" in an unusual numeric form" },
        { "http://0x7f.0.0.1/a.png", "in an unusual numeric form" },
        { "http://0x7f000001/a.png", "in an unusual numeric form" },
        { "http://127.1/a.png", "in an unusual numeric form" },
        { "http://0177.0.0.1/a.png", "in an unusual numeric form" },
        { "http://127.000.000.001/a.png", "in an unusual numeric form" },
    };
    for (auto const& c : cases)
        EXPECT_THAT(validate_media_url(c.url, { "mediaUrls", 3 }), IsFieldError("mediaUrls", c.phrase))
            << c.url.substr(0, 80);
}

TEST(MediaUrl, NamesTheFieldAndPosition)
{
    auto in_array = validate_media_url("ftp://example.com/a.png", { "mediaUrls", 2 });
    ASSERT_THAT(in_array, IsFieldError("mediaUrls", "mediaUrls[2] starts with \"ftp:\""));
    EXPECT_TRUE(in_array.error().message.starts_with("mediaUrls[2] ")) << in_array.error().message;

    auto single = validate_media_url("ftp://example.com/a.png", { "mediaUrl" });
    ASSERT_THAT(single, IsFieldError("mediaUrl", "starts with \"ftp:\""));
    EXPECT_TRUE(single.error().message.starts_with("mediaUrl starts")) << single.error().message;
}

TEST(MediaUrl, NeverEchoesCredentials)
{
    auto result = validate_media_url("https://user:hunter2@example.com/a.png", { "mediaUrls", 0 });
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message.find("hunter2"), std::string::npos) << result.error().message;
}

}
