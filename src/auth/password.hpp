#pragma once
// bcrypt password hashes, compatible with node's `bcrypt` (what the seed app and its users' hashes use),
// through libxcrypt. Deliberately slow (tens to hundreds of milliseconds): never call on the io thread.
// bcrypt only reads the first 72 bytes of a password (node bcrypt does the same).
#include "core/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mmsgate {

// node bcrypt's default is 10; mmsgate writes 12 unless configured otherwise.
inline constexpr int kDefaultBcryptCost = 12;
inline constexpr int kMinBcryptCost = 4;
inline constexpr int kMaxBcryptCost = 31;

// A "$2b$<cost>$<22 salt><31 hash>" string with a fresh random salt. InvalidArgument for a cost outside
// 4..31 or a password containing a NUL byte (bcrypt would silently stop reading there).
[[nodiscard]] Result<std::string> hash_password(std::string_view password, int cost);

// Accepts $2a$, $2b$ and $2y$ hashes (node bcrypt refuses $2y$; PHP writes it and it means $2b$).
// False for a wrong password and for anything that is not a well-formed bcrypt hash.
[[nodiscard]] bool verify_password(std::string_view password, std::string_view hash);

// The outcome of a login's password check.
struct PasswordCheck {
    bool valid = false;
    bool needs_rehash = false; // valid, but the stored hash has another cost than the configured one
};

// A login's check. A failure costs the work of one bcrypt run at max(cost, slowest_stored_cost)
// whatever is stored: no hash (unknown e-mail, disabled account), a malformed one, or a cheaper one
// (a seed user's cost 10 under a configured 12) all answer as slowly as a wrong password for the
// costliest stored hash, so timing does not tell which accounts exist (docs/decisions.md 21).
// needs_rehash compares with `cost`, the one to store.
[[nodiscard]] PasswordCheck check_password(
    std::string_view password, std::optional<std::string_view> hash, int cost, int slowest_stored_cost = kMinBcryptCost);

// The cost of a well-formed bcrypt hash, 0 for anything else.
[[nodiscard]] int stored_bcrypt_cost(std::string_view hash);

// Spends the same bcrypt work as verify_password against a stored hash of this cost, then returns
// false: a login for an unknown e-mail address must not answer faster than a wrong password.
bool verify_password_against_dummy(std::string_view password, int cost);

}
