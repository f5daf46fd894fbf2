// Test driver for the interop check: mmsgate's side of the session-token round trips with next-auth.
//   auth_interop encode '<claims JSON>'   prints a token for the claims (now, 30-day max age)
//   auth_interop decode <token>           prints the decoded claims as JSON, exit 1 when rejected
// The secret comes from NEXTAUTH_SECRET, as for the Node scripts next to it.
#include "auth/session_token.hpp"
#include "core/clock.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>

int main(int argc, char** argv)
{
    char const* secret = std::getenv("NEXTAUTH_SECRET");
    if (argc != 3 || !secret) {
        std::cerr << "usage: NEXTAUTH_SECRET=... auth_interop encode '<claims JSON>' | decode <token>\n";
        return 2;
    }
    mmsgate::SessionTokenCodec codec(secret);
    auto now = mmsgate::now_millis() / 1000;
    std::string_view command = argv[1];
    if (command == "encode") {
        auto claims = mmsgate::Claims::parse(argv[2], nullptr, false);
        if (!claims.is_object()) {
            std::cerr << "auth_interop: claims must be a JSON object\n";
            return 2;
        }
        std::cout << codec.encode(claims, now, mmsgate::kSessionMaxAgeSeconds) << "\n";
        return 0;
    }
    if (command == "decode") {
        auto claims = codec.decode(argv[2], now);
        if (!claims) {
            std::cerr << "auth_interop: rejected: " << claims.error().detail << "\n";
            return 1;
        }
        std::cout << mmsgate::serialize_claims(*claims) << "\n";
        return 0;
    }
    std::cerr << "auth_interop: unknown command " << command << "\n";
    return 2;
}
