#include "auth/password.hpp"

#include "core/secret.hpp"

#include <crypt.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace mmsgate {

namespace {

constexpr std::size_t kBcryptHashLength = 60;

bool is_bcrypt_base64(char c)
{
    return c == '.' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// "$2a$"/"$2b$"/"$2y$", two-digit cost in range, '$', 53 characters of bcrypt's base64.
bool is_well_formed_bcrypt(std::string_view hash)
{
    if (hash.size() != kBcryptHashLength || !hash.starts_with("$2") || hash[3] != '$' || hash[6] != '$')
        return false;
    if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y')
        return false;
    if (hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9')
        return false;
    auto cost = (hash[4] - '0') * 10 + (hash[5] - '0');
    if (cost < kMinBcryptCost || cost > kMaxBcryptCost)
        return false;
    for (auto c : hash.substr(7)) {
        if (!is_bcrypt_base64(c))
            return false;
    }
    return true;
}

// crypt_rn with its own scratch area (about 32 KiB, so on the heap), which makes it thread-safe.
std::optional<std::string> run_crypt(std::string const& password, std::string const& setting)
{
    auto data = std::make_unique<crypt_data>();
    char const* result = crypt_rn(password.c_str(), setting.c_str(), data.get(), int(sizeof(crypt_data)));
    // libxcrypt signals failure with NULL or a string starting with '*'.
    if (!result || result[0] == '*')
        return std::nullopt;
    return std::string(result);
}

std::string const& dummy_hash(int cost)
{
    static std::mutex mutex;
    static std::map<int, std::string> hashes;
    std::scoped_lock lock(mutex);
    auto& hash = hashes[cost];
    if (hash.empty()) {
        // A real hash of a random-salted constant: verifying against it costs exactly one bcrypt run.
        auto made = hash_password("mmsgate-dummy-password", cost);
        hash = made ? *made : std::string();
    }
    return hash;
}

}

Result<std::string> hash_password(std::string_view password, int cost)
{
    if (cost < kMinBcryptCost || cost > kMaxBcryptCost)
        return fail(ErrorCode::InvalidArgument, fmt::format("bcrypt cost must be {}..{}", kMinBcryptCost, kMaxBcryptCost));
    if (password.find('\0') != std::string_view::npos)
        return fail_field("password", "The password must not contain a NUL character.");
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    // A null random source makes libxcrypt read the operating system's (getrandom).
    if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, setting, sizeof setting))
        return fail(ErrorCode::Internal, "cannot hash the password", "crypt_gensalt_rn($2b$) failed: is bcrypt enabled in libxcrypt?");
    auto hash = run_crypt(std::string(password), setting);
    if (!hash || hash->size() != kBcryptHashLength)
        return fail(ErrorCode::Internal, "cannot hash the password", "crypt_rn failed for a $2b$ setting");
    // A named copy: moving out of the optional directly trips g++ 12's -Warray-bounds at -O2.
    std::string result = *hash;
    return result;
}

bool verify_password(std::string_view password, std::string_view hash)
{
    if (!is_well_formed_bcrypt(hash) || password.find('\0') != std::string_view::npos)
        return false;
    auto computed = run_crypt(std::string(password), std::string(hash));
    return computed && constant_time_equals(*computed, hash);
}

PasswordCheck check_password(std::string_view password, std::optional<std::string_view> hash, int cost, int slowest_stored_cost)
{
    cost = std::clamp(cost, kMinBcryptCost, kMaxBcryptCost);
    auto failure_cost = std::clamp(std::max(cost, slowest_stored_cost), kMinBcryptCost, kMaxBcryptCost);
    if (!hash || !is_well_formed_bcrypt(*hash)) {
        (void)verify_password_against_dummy(password, failure_cost);
        return {};
    }
    auto stored_cost = stored_bcrypt_cost(*hash);
    PasswordCheck check;
    check.valid = verify_password(password, *hash);
    check.needs_rehash = check.valid && stored_cost != cost;
    // 2^stored + (2^stored + ... + 2^(failure_cost-1)) = 2^failure_cost: every failure costs the same.
    if (!check.valid) {
        for (int padding = stored_cost; padding < failure_cost; ++padding)
            (void)verify_password_against_dummy(password, padding);
    }
    return check;
}

int stored_bcrypt_cost(std::string_view hash)
{
    if (!is_well_formed_bcrypt(hash))
        return 0;
    return (hash[4] - '0') * 10 + (hash[5] - '0');
}

bool verify_password_against_dummy(std::string_view password, int cost)
{
    auto const& hash = dummy_hash(std::clamp(cost, kMinBcryptCost, kMaxBcryptCost));
    [[maybe_unused]] auto ignored = verify_password(password, hash);
    return false;
}

}
