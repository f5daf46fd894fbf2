#include "plivo/signature.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace mmsgate {

namespace {

// Official vectors: plivo-go utils_test.go TestValidateSignatureV3Pass1..4 (docs/plivo-api.md 5.4).
constexpr char kOfficialToken[] = "Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4";
constexpr char kOfficialNonce[] = "31627761595286130198";
constexpr char kUrlWithQuery[] = "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d";
constexpr char kUrlWithoutQuery[] = "https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml";

FormFields official_params()
{
    return {
        { "Direction", "outbound" },
        { "From", "19792014278" },
        { "ALegUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36" },
        { "CallStatus", "in-progress" },
        { "BillRate", "0.002" },
        { "ParentAuthID", "MANWVLYTK4ZWU1YTY4QA" },
        { "To", "sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com" },
        { "ALegRequestUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36" },
        { "CallUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36" },
        { "RequestUUID", "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36" },
        { "SIP-H-To", "<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1" },
        { "SessionStart", "2020-04-08 11:34:33.238707" },
        { "Event", "StartApp" },
    };
}

struct V3Vector {
    char const* url;
    char const* method;
    char const* expected;
};

// Derived message-callback vectors (docs/plivo-api.md 5.4, cross-checked with the Python SDK).
constexpr char kCallbackToken[] = "my_auth_token";
constexpr char kCallbackNonce[] = "12345678901234567890";

FormFields callback_params()
{
    return {
        { "From", "14155550100" },
        { "To", "14155550111" },
        { "Status", "delivered" },
        { "MessageUUID", "5b40a428-bfc7-4daf-9d06-726c558bf3b8" },
        { "Type", "mms" },
        { "Units", "1" },
        { "TotalRate", "0.0160" },
        { "TotalAmount", "0.0160" },
        { "ErrorCode", "" },
    };
}

}

TEST(SignatureV3, MatchesEveryOfficialVector)
{
    V3Vector const vectors[] = {
        { kUrlWithQuery, "POST", "k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c=" },
        { kUrlWithQuery, "GET", "UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ=" },
        { kUrlWithoutQuery, "POST", "iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0=" },
        { kUrlWithoutQuery, "GET", "i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc=" },
    };
    for (auto const& vector : vectors) {
        SCOPED_TRACE(std::string(vector.method) + " " + vector.url);
        EXPECT_EQ(compute_signature_v3(kOfficialToken, vector.method, vector.url, official_params(), kOfficialNonce),
            vector.expected);
        EXPECT_TRUE(verify_signature_v3(
            kOfficialToken, vector.method, vector.url, official_params(), kOfficialNonce, vector.expected));
    }
}

TEST(SignatureV3, BuildsTheDocumentedStringToSign)
{
    auto post_with_query = signature_v3_base("POST", kUrlWithQuery, official_params());
    EXPECT_TRUE(post_with_query.starts_with(std::string(kUrlWithQuery) + ".ALegRequestUUID3e82")) << post_with_query;
    auto post_without_query = signature_v3_base("POST", kUrlWithoutQuery, official_params());
    EXPECT_TRUE(post_without_query.starts_with(std::string(kUrlWithoutQuery) + "?ALegRequestUUID3e82"));
    auto get = signature_v3_base("GET", kUrlWithoutQuery, official_params());
    EXPECT_TRUE(get.starts_with(std::string(kUrlWithoutQuery) + "?ALegRequestUUID=3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36&ALegUUID="));
}

TEST(SignatureV3, MatchesTheDerivedMessageCallbackVectors)
{
    EXPECT_EQ(compute_signature_v3(kCallbackToken, "POST", "https://example.com/plivo/status", callback_params(), kCallbackNonce),
        "0mSfFj1r/vkpkwqxr+kIE87+jyXa+/MwfW0KQLDstGc=");
    EXPECT_EQ(signature_v3_base("POST", "https://example.com/plivo/status", callback_params()) + "." + kCallbackNonce,
        "https://example.com/plivo/status?ErrorCodeFrom14155550100MessageUUID5b40a428-bfc7-4daf-9d06-726c558bf3b8"
        "StatusdeliveredTo14155550111TotalAmount0.0160TotalRate0.0160TypemmsUnits1.12345678901234567890");
    EXPECT_EQ(compute_signature_v3(
                  kCallbackToken, "POST", "https://example.com/plivo/status?id=42", callback_params(), kCallbackNonce),
        "QvvrUKy3rYUrZLPv9KiYbq7VHcJNTswhiUJCiRXbB2E=");
    EXPECT_EQ(compute_signature_v3(kCallbackToken, "GET", "https://example.com/plivo/status", callback_params(), kCallbackNonce),
        "MoHcoisU97RxgnLJEKViRKBpLkw2CDWKWT0WvZzWNh0=");
}

TEST(SignatureV3, GetParamsInTheQuerySignLikeSeparateParams)
{
    // A GET callback carries its parameters in the URL; the verifier passes them there, not separately.
    auto url = "https://example.com/plivo/status?" + encode_form(callback_params());
    EXPECT_EQ(compute_signature_v3(kCallbackToken, "GET", url, {}, kCallbackNonce),
        "MoHcoisU97RxgnLJEKViRKBpLkw2CDWKWT0WvZzWNh0=");
}

TEST(SignatureV3, AcceptsAnyOfSeveralCommaSeparatedSignatures)
{
    auto url = "https://example.com/plivo/status";
    auto good = "0mSfFj1r/vkpkwqxr+kIE87+jyXa+/MwfW0KQLDstGc=";
    EXPECT_TRUE(verify_signature_v3(kCallbackToken, "POST", url, callback_params(), kCallbackNonce,
        std::string("c29tZXRoaW5nIGVsc2U=,") + good));
    EXPECT_TRUE(verify_signature_v3(kCallbackToken, "POST", url, callback_params(), kCallbackNonce,
        std::string(good) + ", c29tZXRoaW5nIGVsc2U="));
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "POST", url, callback_params(), kCallbackNonce, "c29tZQ==,b3RoZXI="));
}

TEST(SignatureV3, RejectsTamperingWithAnyInput)
{
    auto url = "https://example.com/plivo/status";
    auto good = "0mSfFj1r/vkpkwqxr+kIE87+jyXa+/MwfW0KQLDstGc=";
    auto params = callback_params();
    EXPECT_FALSE(verify_signature_v3("other_token", "POST", url, params, kCallbackNonce, good));
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "POST", url, params, "12345678901234567891", good));
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "POST", "https://example.com:8443/plivo/status", params, kCallbackNonce, good));
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "GET", url, params, kCallbackNonce, good));
    params[2].second = "undelivered";
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "POST", url, params, kCallbackNonce, good));
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "POST", url, callback_params(), "", good));
    EXPECT_FALSE(verify_signature_v3(kCallbackToken, "POST", url, callback_params(), kCallbackNonce, ""));
}

TEST(SignatureV2, MatchesTheSdkVectors)
{
    // plivo-node test/utils.js, plivo-python test_signature.py, plivo-go utils_test.go.
    EXPECT_EQ(compute_signature_v2("my_auth_token", "https://answer.url", "12345"),
        "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=");
    // plivo-java UtilsTest.
    EXPECT_EQ(compute_signature_v2("my_auth_token", "https://answer.url/", "12345"),
        "do1CXv+k99A6+B+eTcyqbxWlezFIxJ/1vz72787r37g=");
    EXPECT_TRUE(verify_signature_v2(
        "my_auth_token", "https://answer.url", "12345", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc="));
}

TEST(SignatureV2, IgnoresTheQueryButNotTheTokenOrNonce)
{
    EXPECT_TRUE(verify_signature_v2(
        "my_auth_token", "https://answer.url?x=1", "12345", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc="));
    EXPECT_FALSE(verify_signature_v2(
        "my_auth_token", "https://answer.url", "12346", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc="));
    EXPECT_FALSE(verify_signature_v2(
        "other", "https://answer.url", "12345", "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc="));
}

TEST(Signature, NoncesAreTwentyDigits)
{
    auto nonce = new_signature_nonce();
    EXPECT_EQ(nonce.size(), 20u);
    EXPECT_TRUE(std::ranges::all_of(nonce, [](char c) { return c >= '0' && c <= '9'; }));
    EXPECT_NE(nonce, new_signature_nonce());
}

}
