#include "messaging/callback_token.hpp"

#include <gtest/gtest.h>

namespace mmsgate {

TEST(CallbackToken, NamesTheAttemptItWasMadeFor)
{
    CallbackTokens tokens("a secret of at least thirty-two characters");
    auto token = tokens.token_for("cm3abc0123", 2);
    auto attempt = tokens.verify(token);
    ASSERT_TRUE(attempt);
    EXPECT_EQ(attempt->request_id, "cm3abc0123");
    EXPECT_EQ(attempt->attempt, 2);
    EXPECT_NE(token, tokens.token_for("cm3abc0123", 3)) << "each attempt has its own";
    // Only characters that need no escaping in a URL path.
    EXPECT_EQ(token.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789."), std::string::npos) << token;
}

TEST(CallbackToken, RefusesTamperedForeignAndMalformedTokens)
{
    CallbackTokens tokens("a secret of at least thirty-two characters");
    auto token = tokens.token_for("cm3abc0123", 1);
    auto tampered = token;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    EXPECT_FALSE(tokens.verify(tampered));
    // Another request or attempt with this MAC.
    auto mac = token.substr(token.rfind('.'));
    EXPECT_FALSE(tokens.verify("cm3abc0124.1" + mac));
    EXPECT_FALSE(tokens.verify("cm3abc0123.2" + mac));
    // Made with another secret.
    EXPECT_FALSE(CallbackTokens("another secret of at least thirty-two chars").verify(token));
    for (auto const* malformed : { "", ".", "..", "cm3abc0123", "cm3abc0123.1", "cm3abc0123.x.00", "CM3.1.00",
             "cm3abc0123.0.00", "cm3abc0123.-1.00", "a/b.1.00" })
        EXPECT_FALSE(tokens.verify(malformed)) << malformed;
}

}
