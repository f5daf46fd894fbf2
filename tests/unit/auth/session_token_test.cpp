#include "auth/session_token.hpp"

#include "auth/aes_gcm.hpp"
#include "auth/hkdf.hpp"
#include "auth_vectors.hpp"
#include "core/encoding.hpp"
#include "support/matchers.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <regex>

namespace mmsgate {

using testing::HasError;
using testing::IsOk;

namespace {

nlohmann::json const& v4() { return testing::nextauth_vectors().at("v4"); }

SessionTokenCodec const& codec()
{
    static SessionTokenCodec const instance(testing::vector_secret());
    return instance;
}

std::string iv_from_hex(std::string const& hex) { return hex_decode(hex).value(); }

// The keys of a claims object in their order, to compare orders without the values.
std::vector<std::string> keys_of(Claims const& claims)
{
    std::vector<std::string> keys;
    for (auto const& item : claims.items())
        keys.push_back(item.key());
    return keys;
}

// A token with an arbitrary protected header, sealed with the v4 key: for header-validation tests.
std::string token_with_header(std::string const& header_json, std::string const& plaintext)
{
    auto key_bytes = hkdf_sha256(testing::vector_secret(), "", "NextAuth.js Generated Encryption Key", 32);
    AesGcmKey key;
    std::memcpy(key.data(), key_bytes.data(), key.size());
    auto header = base64url_encode(header_json);
    std::string iv(12, '\x07');
    auto sealed = aes256_gcm_seal(key, iv, header, plaintext);
    return header + ".." + base64url_encode(iv) + "." + base64url_encode(sealed.ciphertext) + "."
        + base64url_encode(sealed.tag);
}

constexpr std::int64_t kVectorNow = 1795630127; // the iat of the v4.tokens vectors

}

TEST(SessionToken, EncryptsTheDeterministicVectorByteForByte)
{
    auto const& vector = v4().at("deterministic");
    EXPECT_EQ(codec().encrypt(vector.at("plaintext").get<std::string>(), iv_from_hex(vector.at("iv_hex"))), vector.at("jwt"));
}

TEST(SessionToken, DecodesTheDeterministicVectorKeepingKeyOrder)
{
    auto const& vector = v4().at("deterministic");
    auto claims = codec().decode(vector.at("jwt").get<std::string>(), 1700000000);
    ASSERT_THAT(claims, IsOk());
    EXPECT_EQ(nlohmann::json(*claims), vector.at("real_decode"));
    // Re-serialising the decoded claims gives back the exact plaintext next-auth would encrypt.
    EXPECT_EQ(serialize_claims(*claims), vector.at("plaintext"));
}

TEST(SessionToken, DecodesEveryRealTokenAsNextAuthDid)
{
    for (auto const& token : v4().at("tokens")) {
        SCOPED_TRACE(token.at("label").get<std::string>());
        auto now = token.at("payload").at("iat").get<std::int64_t>();
        auto claims = codec().decode(token.at("jwt").get<std::string>(), now);
        if (token.at("real_decode_result") == "accepted") {
            ASSERT_THAT(claims, IsOk());
            EXPECT_EQ(nlohmann::json(*claims), token.at("payload"));
        } else {
            EXPECT_EQ(token.at("real_decode_result"), "rejected: ERR_JWT_EXPIRED");
            EXPECT_THAT(claims, HasError(ErrorCode::Unauthenticated));
        }
    }
}

TEST(SessionToken, ThirtyDayTokenExpiresWithFifteenSecondsTolerance)
{
    auto const& token = v4().at("tokens").at(2);
    ASSERT_EQ(token.at("label"), "default-claims-30d");
    auto jwt = token.at("jwt").get<std::string>();
    auto exp = token.at("payload").at("exp").get<std::int64_t>();
    EXPECT_THAT(codec().decode(jwt, exp - 86400), IsOk());
    // jose: rejected when exp <= now - clockTolerance.
    EXPECT_THAT(codec().decode(jwt, exp + 14), IsOk());
    EXPECT_THAT(codec().decode(jwt, exp + 15), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(codec().decode(jwt, exp + 86400), HasError(ErrorCode::Unauthenticated));
}

TEST(SessionToken, RejectsEveryTokenUnderAnotherSecret)
{
    SessionTokenCodec other("another-secret-entirely");
    for (auto const& token : v4().at("tokens")) {
        SCOPED_TRACE(token.at("label").get<std::string>());
        EXPECT_EQ(token.at("wrong_secret_result"), "rejected: ERR_JWE_DECRYPTION_FAILED");
        EXPECT_THAT(other.decode(token.at("jwt").get<std::string>(), kVectorNow), HasError(ErrorCode::Unauthenticated));
    }
}

TEST(SessionToken, RejectsATamperedByteInEverySegment)
{
    auto jwt = v4().at("tokens").at(0).at("jwt").get<std::string>();
    ASSERT_THAT(codec().decode(jwt, kVectorNow), IsOk());
    std::size_t segment_start = 0;
    for (int segment = 0; segment < 5; ++segment) {
        SCOPED_TRACE(segment);
        auto tampered = jwt;
        if (segment == 1) {
            tampered.insert(segment_start, "AAAA"); // the encrypted-key segment is empty: give it bytes
        } else {
            // The first character of a segment carries six full bits, so any change alters the bytes.
            tampered[segment_start] = tampered[segment_start] == 'A' ? 'B' : 'A';
        }
        EXPECT_THAT(codec().decode(tampered, kVectorNow), HasError(ErrorCode::Unauthenticated));
        segment_start = jwt.find('.', segment_start) + 1;
    }
}

TEST(SessionToken, RejectsMalformedTokens)
{
    auto jwt = v4().at("deterministic").at("jwt").get<std::string>();
    for (std::string bad : { std::string(), std::string("...."), jwt.substr(0, jwt.rfind('.')), jwt + ".x",
             jwt + "!", std::string("not a token"), jwt.substr(0, jwt.size() - 2) }) {
        SCOPED_TRACE(bad);
        EXPECT_THAT(codec().decode(bad, 1700000000), HasError(ErrorCode::Unauthenticated));
    }
}

TEST(SessionToken, AcceptsTheSameHeaderInAnotherFormOnly)
{
    std::string const payload = R"({"sub":"u1","exp":4102444800})";
    EXPECT_THAT(codec().decode(token_with_header(R"({"enc":"A256GCM","alg":"dir"})", payload), 1700000000), IsOk());
    EXPECT_THAT(codec().decode(token_with_header(R"({ "alg": "dir", "enc": "A256GCM" })", payload), 1700000000), IsOk());
    for (auto header : { R"({"alg":"dir","enc":"A128GCM"})", R"({"alg":"A256KW","enc":"A256GCM"})",
             R"({"alg":"dir","enc":"A256GCM","zip":"DEF"})", R"({"alg":"dir","enc":"A256GCM","crit":["x"],"x":1})",
             R"({"alg":"dir"})", R"(["dir","A256GCM"])", "not json" }) {
        SCOPED_TRACE(header);
        EXPECT_THAT(codec().decode(token_with_header(header, payload), 1700000000), HasError(ErrorCode::Unauthenticated));
    }
}

TEST(SessionToken, AppliesJoseClaimChecks)
{
    // Verdicts checked against jose 4.15.9's jwtDecrypt (clockTolerance 15, currentDate = 1000 s) under Node 20.
    std::string const iv(12, '\x01');
    auto decode_payload = [&](std::string const& payload) { return codec().decode(codec().encrypt(payload, iv), 1000); };
    EXPECT_THAT(decode_payload(R"({})"), IsOk());
    EXPECT_THAT(decode_payload(R"({"exp":1016,"iat":1000.5})"), IsOk());
    EXPECT_THAT(decode_payload(R"({"exp":985.5})"), IsOk());
    EXPECT_THAT(decode_payload(R"({"exp":985})"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"({"exp":"4102444800"})"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"({"iat":"1000"})"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"({"iat":null})"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"({"nbf":1015})"), IsOk());
    EXPECT_THAT(decode_payload(R"({"nbf":1016})"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"({"nbf":true})"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"([1,2])"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"("text")"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(R"({"a":)"), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(decode_payload(""), HasError(ErrorCode::Unauthenticated));
}

TEST(SessionToken, EncodeAppendsIatExpJtiAfterTheClaims)
{
    Claims claims = Claims::object();
    claims["name"] = "Alice Example";
    claims["email"] = "alice@example.com";
    claims["picture"] = nullptr;
    claims["sub"] = "u1";
    claims["id"] = "u1";
    auto token = codec().encode(claims, 1795630466, kSessionMaxAgeSeconds);
    ASSERT_TRUE(token.starts_with("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.."));
    auto decoded = codec().decode(token, 1795630466);
    ASSERT_THAT(decoded, IsOk());
    EXPECT_EQ(keys_of(*decoded), (std::vector<std::string> { "name", "email", "picture", "sub", "id", "iat", "exp", "jti" }));
    EXPECT_EQ((*decoded)["iat"], 1795630466);
    EXPECT_EQ((*decoded)["exp"], 1795630466 + 2592000);
    EXPECT_TRUE(std::regex_match((*decoded)["jti"].get<std::string>(),
        std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
    EXPECT_NE(codec().encode(claims, 1795630466, kSessionMaxAgeSeconds), token);
}

TEST(SessionToken, ReEncodeOverwritesTimesInPlaceAndKeepsCustomClaims)
{
    auto const& vector = v4().at("tokens").at(1);
    ASSERT_EQ(vector.at("label"), "custom-claims-long-lived");
    auto decoded = codec().decode(vector.at("jwt").get<std::string>(), kVectorNow);
    ASSERT_THAT(decoded, IsOk());
    auto refreshed = codec().decode(codec().encode(*decoded, kVectorNow + 60, kSessionMaxAgeSeconds), kVectorNow + 60);
    ASSERT_THAT(refreshed, IsOk());
    EXPECT_EQ(keys_of(*refreshed), keys_of(*decoded));
    EXPECT_EQ((*refreshed)["role"], "admin");
    EXPECT_EQ((*refreshed)["iat"], kVectorNow + 60);
    EXPECT_EQ((*refreshed)["exp"], kVectorNow + 60 + kSessionMaxAgeSeconds);
    EXPECT_NE((*refreshed)["jti"], (*decoded)["jti"]);
}

TEST(SessionToken, ExpiredEncodeIsRejected)
{
    Claims claims = Claims::object();
    claims["sub"] = "u1";
    EXPECT_THAT(codec().decode(codec().encode(claims, kVectorNow, -3600), kVectorNow), HasError(ErrorCode::Unauthenticated));
}

TEST(SessionToken, EncodeRefusesClaimsThatAreNotAnObject)
{
    EXPECT_THROW((void)codec().encode(Claims::array(), 0, 60), std::invalid_argument);
}

}
