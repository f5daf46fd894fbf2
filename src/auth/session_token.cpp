#include "auth/session_token.hpp"

#include "auth/compact_jwe.hpp"
#include "auth/hkdf.hpp"
#include "auth/random_pool.hpp"
#include "core/encoding.hpp"

#include <openssl/crypto.h>

#include <cstring>
#include <stdexcept>

namespace mmsgate {

namespace {

constexpr std::string_view kKeyInfo = "NextAuth.js Generated Encryption Key";
// base64url('{"alg":"dir","enc":"A256GCM"}'), the header jose writes for next-auth: also the AAD.
constexpr std::string_view kProtectedHeader = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0";

// A header other than the canonical bytes is still acceptable when it says the same thing
// (another key order or whitespace); anything more (zip, crit, kid…) is refused.
bool is_dir_a256gcm_header(std::string_view segment)
{
    if (segment == kProtectedHeader)
        return true;
    auto json_text = base64url_decode(segment);
    if (!json_text)
        return false;
    auto header = nlohmann::json::parse(*json_text, nullptr, false);
    if (header.is_discarded() || !header.is_object() || header.size() != 2)
        return false;
    auto alg = header.find("alg");
    auto enc = header.find("enc");
    return alg != header.end() && enc != header.end() && *alg == "dir" && *enc == "A256GCM";
}


}

SessionTokenCodec::SessionTokenCodec(std::string_view secret)
{
    auto key = hkdf_sha256(secret, "", kKeyInfo, m_key.size());
    std::memcpy(m_key.data(), key.data(), m_key.size());
    OPENSSL_cleanse(key.data(), key.size());
}

SessionTokenCodec::~SessionTokenCodec() { OPENSSL_cleanse(m_key.data(), m_key.size()); }

std::string SessionTokenCodec::encode(Claims claims, std::int64_t now_seconds, std::int64_t max_age_seconds) const
{
    return encode_updating(claims, now_seconds, max_age_seconds);
}

std::string SessionTokenCodec::encode_updating(Claims& claims, std::int64_t now_seconds, std::int64_t max_age_seconds) const
{
    if (!claims.is_object())
        throw std::invalid_argument("session token claims must be a JSON object");
    // jose's setIssuedAt / setExpirationTime / setJti spread into the payload: existing keys are
    // overwritten in place, new ones appended, in this order.
    claims["iat"] = now_seconds;
    claims["exp"] = now_seconds + max_age_seconds;
    claims["jti"] = pooled_random_uuid();
    return encrypt(serialize_claims(claims), pooled_random_bytes(kAesGcmIvBytes));
}

std::string SessionTokenCodec::encrypt(std::string_view plaintext, std::string_view iv) const
{
    auto sealed = aes256_gcm_seal(m_key, iv, kProtectedHeader, plaintext);
    std::string token;
    token.reserve(kProtectedHeader.size() + 2 + 16 + (sealed.ciphertext.size() * 4 + 2) / 3 + 2 + 22);
    token += kProtectedHeader;
    // alg "dir": the derived key is the content key, so the encrypted-key segment stays empty.
    token += "..";
    token += base64url_encode(iv);
    token += '.';
    token += base64url_encode(sealed.ciphertext);
    token += '.';
    token += base64url_encode(sealed.tag);
    return token;
}

Result<Claims> SessionTokenCodec::decode(std::string_view token, std::int64_t now_seconds) const
{
    auto jwe = split_compact_jwe(token);
    if (!jwe)
        return invalid_token("not a compact JWE (needs 5 segments)");
    if (!is_dir_a256gcm_header(jwe->protected_header))
        return invalid_token("protected header is not {\"alg\":\"dir\",\"enc\":\"A256GCM\"}");
    if (!jwe->encrypted_key.empty())
        return invalid_token("unexpected JWE encrypted key for alg dir");
    auto iv = base64url_decode(jwe->iv);
    if (!iv || iv->size() != kAesGcmIvBytes)
        return invalid_token("JWE IV is not 96 bits");
    auto tag = base64url_decode(jwe->tag);
    if (!tag || tag->size() != kAesGcmTagBytes)
        return invalid_token("JWE tag is not 128 bits");
    auto ciphertext = base64url_decode(jwe->ciphertext);
    if (!ciphertext)
        return invalid_token("JWE ciphertext is not base64url");
    std::string plaintext;
    if (!aes256_gcm_open(m_key, *iv, jwe->protected_header, *ciphertext, *tag, plaintext))
        return invalid_token("decryption failed (other secret, or tampered token)");
    return parse_token_claims(plaintext, now_seconds);
}

}
