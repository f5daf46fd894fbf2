#include "auth/hkdf.hpp"

#include "core/encoding.hpp"
#include "support/vectors.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

namespace {

std::string derive(nlohmann::json const& vector)
{
    return hex_encode(hkdf_sha256(vector.at("ikm").get<std::string>(), vector.at("salt").get<std::string>(),
        vector.at("info").get<std::string>(), vector.at("length").get<std::size_t>()));
}

}

TEST(Hkdf, DerivesTheNextAuthV4Key)
{
    auto const& vector = testing::nextauth_vectors().at("v4").at("hkdf");
    ASSERT_EQ(vector.at("hash"), "sha256");
    EXPECT_EQ(derive(vector), vector.at("okm_hex"));
}

TEST(Hkdf, DerivesTheAuthJsV5KeysForEachCookieSalt)
{
    for (auto const& [salt, entry] : testing::nextauth_vectors().at("v5").at("salts").items()) {
        SCOPED_TRACE(salt);
        EXPECT_EQ(derive(entry.at("hkdf")), entry.at("hkdf").at("okm_hex"));
    }
}

TEST(Hkdf, ShorterOutputIsAPrefixOfLongerOutput)
{
    // Auth.js relies on this: its A256GCM key is the first half of the A256CBC-HS512 key.
    auto const& entry = testing::nextauth_vectors().at("v5").at("salts").at("authjs.session-token");
    auto const& hkdf = entry.at("hkdf");
    auto key32 = hkdf_sha256(hkdf.at("ikm").get<std::string>(), hkdf.at("salt").get<std::string>(),
        hkdf.at("info").get<std::string>(), 32);
    EXPECT_EQ(hex_encode(key32), entry.at("deterministic_a256gcm").at("key32_hex"));
}

}
