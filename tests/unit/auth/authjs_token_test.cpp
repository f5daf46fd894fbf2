#include "auth/authjs_token.hpp"

#include "auth/session_token.hpp"
#include "auth_vectors.hpp"
#include "support/matchers.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

using testing::HasError;
using testing::IsOk;

namespace {

nlohmann::json const& salts() { return testing::nextauth_vectors().at("v5").at("salts"); }

}

TEST(AuthJsToken, KeyIdIsTheThumbprintAuthJsWrites)
{
    for (auto const& [salt, entry] : salts().items()) {
        SCOPED_TRACE(salt);
        EXPECT_EQ(AuthJsTokenDecoder(testing::vector_secret(), salt).key_id(), entry.at("kid"));
    }
}

TEST(AuthJsToken, DecodesEveryRealTokenAsAuthJsDid)
{
    for (auto const& [salt, entry] : salts().items()) {
        AuthJsTokenDecoder decoder(testing::vector_secret(), salt);
        for (auto const& token : entry.at("tokens")) {
            SCOPED_TRACE(salt + " " + token.at("label").get<std::string>());
            auto claims = decoder.decode(token.at("jwt").get<std::string>(), token.at("payload").at("iat").get<std::int64_t>());
            if (token.at("real_decode_result") == "accepted") {
                ASSERT_THAT(claims, IsOk());
                EXPECT_EQ(nlohmann::json(*claims), token.at("payload"));
            } else {
                EXPECT_THAT(claims, HasError(ErrorCode::Unauthenticated));
            }
        }
    }
}

TEST(AuthJsToken, DecodesTheDeterministicVariants)
{
    for (auto const& [salt, entry] : salts().items()) {
        AuthJsTokenDecoder decoder(testing::vector_secret(), salt);
        for (auto const* variant : { "deterministic", "deterministic_no_kid", "deterministic_a256gcm" }) {
            SCOPED_TRACE(salt + " " + variant);
            auto const& vector = entry.at(variant);
            auto claims = decoder.decode(vector.at("jwt").get<std::string>(), 1700000000);
            ASSERT_THAT(claims, IsOk());
            EXPECT_EQ(nlohmann::json(*claims), vector.at("real_decode"));
            EXPECT_EQ(serialize_claims(*claims), vector.at("plaintext"));
        }
    }
}

TEST(AuthJsToken, TokenOnlyOpensUnderItsOwnSaltAndSecret)
{
    AuthJsTokenDecoder plain(testing::vector_secret(), "authjs.session-token");
    AuthJsTokenDecoder secure(testing::vector_secret(), "__Secure-authjs.session-token");
    AuthJsTokenDecoder other_secret("another-secret", "authjs.session-token");
    for (auto const& token : salts().at("authjs.session-token").at("tokens")) {
        SCOPED_TRACE(token.at("label").get<std::string>());
        auto jwt = token.at("jwt").get<std::string>();
        auto now = token.at("payload").at("iat").get<std::int64_t>();
        EXPECT_EQ(token.at("other_salt_result"), "rejected: no matching decryption secret");
        EXPECT_THAT(secure.decode(jwt, now), HasError(ErrorCode::Unauthenticated));
        EXPECT_THAT(other_secret.decode(jwt, now), HasError(ErrorCode::Unauthenticated));
    }
    // Without a kid the MAC is what tells the salts apart.
    auto no_kid = salts().at("authjs.session-token").at("deterministic_no_kid").at("jwt").get<std::string>();
    EXPECT_THAT(plain.decode(no_kid, 1700000000), IsOk());
    EXPECT_THAT(secure.decode(no_kid, 1700000000), HasError(ErrorCode::Unauthenticated));
}

TEST(AuthJsToken, V4AndV5TokensDoNotCross)
{
    auto const& vectors = testing::nextauth_vectors();
    ASSERT_EQ(vectors.at("v5").at("v4_token_under_v5"), "rejected: ERR_JWE_DECRYPTION_FAILED");
    AuthJsTokenDecoder v5(testing::vector_secret(), "authjs.session-token");
    SessionTokenCodec v4(testing::vector_secret());
    auto v4_token = vectors.at("v4").at("deterministic").at("jwt").get<std::string>();
    auto v5_token = salts().at("authjs.session-token").at("deterministic").at("jwt").get<std::string>();
    EXPECT_THAT(v5.decode(v4_token, 1700000000), HasError(ErrorCode::Unauthenticated));
    EXPECT_THAT(v4.decode(v5_token, 1700000000), HasError(ErrorCode::Unauthenticated));
}

TEST(AuthJsToken, RejectsATamperedByteInEverySegment)
{
    AuthJsTokenDecoder decoder(testing::vector_secret(), "authjs.session-token");
    auto jwt = salts().at("authjs.session-token").at("deterministic").at("jwt").get<std::string>();
    std::size_t segment_start = 0;
    for (int segment = 0; segment < 5; ++segment) {
        SCOPED_TRACE(segment);
        auto tampered = jwt;
        if (segment == 1)
            tampered.insert(segment_start, "AAAA");
        else
            tampered[segment_start] = tampered[segment_start] == 'A' ? 'B' : 'A';
        EXPECT_THAT(decoder.decode(tampered, 1700000000), HasError(ErrorCode::Unauthenticated));
        segment_start = jwt.find('.', segment_start) + 1;
    }
}

}
