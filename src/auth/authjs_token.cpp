#include "auth/authjs_token.hpp"

#include "auth/aes_gcm.hpp"
#include "auth/compact_jwe.hpp"
#include "auth/hkdf.hpp"
#include "core/encoding.hpp"
#include "core/secret.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>
#include <memory>

namespace mmsgate {

namespace {

unsigned char const* bytes_of(std::string_view text) { return reinterpret_cast<unsigned char const*>(text.data()); }

// RFC 7638 thumbprint of {"kty":"oct","k":…}: members in lexical order, hashed with SHA-256 for a
// 32-byte key and SHA-512 for a 64-byte one, as @auth/core picks `sha${bits}`.
std::string thumbprint(std::string_view key)
{
    auto canonical = "{\"k\":\"" + base64url_encode(key) + "\",\"kty\":\"oct\"}";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    auto const* algorithm = key.size() == 64 ? EVP_sha512() : EVP_sha256();
    EVP_Digest(canonical.data(), canonical.size(), digest, &length, algorithm, nullptr);
    return base64url_encode(std::string_view(reinterpret_cast<char const*>(digest), length));
}

struct CipherContextDeleter {
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};

// RFC 7518 section 5.2.2.2 with the A256CBC-HS512 parameters.
bool open_a256cbc_hs512(std::string_view key, std::string_view aad, std::string_view iv, std::string_view ciphertext,
    std::string_view tag, std::string& plaintext)
{
    if (iv.size() != 16 || tag.size() != 32 || ciphertext.empty() || ciphertext.size() % 16 != 0)
        return false;
    auto mac_key = key.substr(0, 32);
    auto encryption_key = key.substr(32, 32);

    std::string mac_input;
    mac_input.reserve(aad.size() + iv.size() + ciphertext.size() + 8);
    mac_input.append(aad).append(iv).append(ciphertext);
    std::uint64_t aad_bits = std::uint64_t(aad.size()) * 8;
    for (int shift = 56; shift >= 0; shift -= 8)
        mac_input += char((aad_bits >> shift) & 0xff);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;
    if (!HMAC(EVP_sha512(), mac_key.data(), int(mac_key.size()), bytes_of(mac_input), mac_input.size(), mac, &mac_length))
        return false;
    if (!constant_time_equals(std::string_view(reinterpret_cast<char const*>(mac), 32), tag))
        return false;

    std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter> context(EVP_CIPHER_CTX_new());
    plaintext.resize(ciphertext.size());
    int length = 0;
    int final_length = 0;
    auto* output = reinterpret_cast<unsigned char*>(plaintext.data());
    bool ok = context
        && EVP_DecryptInit_ex2(context.get(), EVP_aes_256_cbc(), bytes_of(encryption_key), bytes_of(iv), nullptr) == 1
        && EVP_DecryptUpdate(context.get(), output, &length, bytes_of(ciphertext), int(ciphertext.size())) == 1
        && EVP_DecryptFinal_ex(context.get(), output + length, &final_length) == 1;
    if (!ok)
        return false;
    plaintext.resize(std::size_t(length + final_length));
    return true;
}

}

AuthJsTokenDecoder::AuthJsTokenDecoder(std::string_view secret, std::string_view salt)
{
    auto info = "Auth.js Generated Encryption Key (" + std::string(salt) + ")";
    m_cbc_key = hkdf_sha256(secret, salt, info, 64);
    m_gcm_key = hkdf_sha256(secret, salt, info, 32);
    m_cbc_key_id = thumbprint(m_cbc_key);
    m_gcm_key_id = thumbprint(m_gcm_key);
}

AuthJsTokenDecoder::~AuthJsTokenDecoder()
{
    OPENSSL_cleanse(m_cbc_key.data(), m_cbc_key.size());
    OPENSSL_cleanse(m_gcm_key.data(), m_gcm_key.size());
}

Result<Claims> AuthJsTokenDecoder::decode(std::string_view token, std::int64_t now_seconds) const
{
    auto jwe = split_compact_jwe(token);
    if (!jwe)
        return invalid_token("not a compact JWE (needs 5 segments)");
    auto [header_segment, encrypted_key, iv_segment, ciphertext_segment, tag_segment] = *jwe;

    auto header_text = base64url_decode(header_segment);
    auto header = header_text ? nlohmann::json::parse(*header_text, nullptr, false) : nlohmann::json();
    if (!header.is_object())
        return invalid_token("protected header is not a JSON object");
    for (auto const& [name, value] : header.items()) {
        if (name != "alg" && name != "enc" && name != "kid")
            return invalid_token("unsupported protected header member " + name);
        if (!value.is_string())
            return invalid_token("protected header member " + name + " is not a string");
    }
    if (header.value("alg", "") != "dir")
        return invalid_token("alg is not dir");
    auto enc = header.value("enc", "");
    if (enc != "A256CBC-HS512" && enc != "A256GCM")
        return invalid_token("enc is neither A256CBC-HS512 nor A256GCM");
    bool const cbc = enc == "A256CBC-HS512";
    if (header.contains("kid") && header["kid"] != (cbc ? m_cbc_key_id : m_gcm_key_id))
        return invalid_token("no matching decryption secret (kid)");
    if (!encrypted_key.empty())
        return invalid_token("unexpected JWE encrypted key for alg dir");

    auto iv = base64url_decode(iv_segment);
    auto ciphertext = base64url_decode(ciphertext_segment);
    auto tag = base64url_decode(tag_segment);
    if (!iv || !ciphertext || !tag)
        return invalid_token("JWE segment is not base64url");
    std::string plaintext;
    bool opened = false;
    if (cbc) {
        opened = open_a256cbc_hs512(m_cbc_key, header_segment, *iv, *ciphertext, *tag, plaintext);
    } else {
        AesGcmKey key;
        std::memcpy(key.data(), m_gcm_key.data(), key.size());
        opened = aes256_gcm_open(key, *iv, header_segment, *ciphertext, *tag, plaintext);
        OPENSSL_cleanse(key.data(), key.size());
    }
    if (!opened)
        return invalid_token("decryption failed (other secret or salt, or tampered token)");
    return parse_token_claims(plaintext, now_seconds);
}

}
