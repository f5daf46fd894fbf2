#include "auth/aes_gcm.hpp"

#include <openssl/evp.h>

#include <climits>
#include <stdexcept>

namespace mmsgate {

namespace {

unsigned char const* bytes_of(std::string_view text) { return reinterpret_cast<unsigned char const*>(text.data()); }

// OpenSSL 3 looks the cipher up on every init unless it is fetched explicitly; fetch it once.
EVP_CIPHER const* aes_256_gcm()
{
    static EVP_CIPHER* const cipher = [] {
        auto* fetched = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
        if (!fetched)
            throw std::runtime_error("OpenSSL has no AES-256-GCM");
        return fetched;
    }();
    return cipher;
}

// One encryption and one decryption context per thread, initialised with the cipher once; each call
// only sets key and IV. A context never crosses threads, so no locking is needed.
class ThreadContexts {
public:
    ThreadContexts()
        : m_seal(EVP_CIPHER_CTX_new())
        , m_open(EVP_CIPHER_CTX_new())
    {
        if (!m_seal || !m_open || EVP_EncryptInit_ex2(m_seal, aes_256_gcm(), nullptr, nullptr, nullptr) != 1
            || EVP_DecryptInit_ex2(m_open, aes_256_gcm(), nullptr, nullptr, nullptr) != 1) {
            EVP_CIPHER_CTX_free(m_seal);
            EVP_CIPHER_CTX_free(m_open);
            throw std::runtime_error("cannot create AES-256-GCM contexts");
        }
    }
    ~ThreadContexts()
    {
        EVP_CIPHER_CTX_free(m_seal);
        EVP_CIPHER_CTX_free(m_open);
    }
    ThreadContexts(ThreadContexts const&) = delete;
    ThreadContexts& operator=(ThreadContexts const&) = delete;

    EVP_CIPHER_CTX* seal() const { return m_seal; }
    EVP_CIPHER_CTX* open() const { return m_open; }

private:
    EVP_CIPHER_CTX* m_seal;
    EVP_CIPHER_CTX* m_open;
};

ThreadContexts const& thread_contexts()
{
    thread_local ThreadContexts const contexts;
    return contexts;
}

bool fits_int(std::string_view text) { return text.size() <= std::size_t(INT_MAX); }

}

AesGcmSealed aes256_gcm_seal(AesGcmKey const& key, std::string_view iv, std::string_view aad, std::string_view plaintext)
{
    if (iv.size() != kAesGcmIvBytes || !fits_int(aad) || !fits_int(plaintext))
        throw std::invalid_argument("AES-256-GCM: the IV must be 12 bytes");
    auto* context = thread_contexts().seal();
    AesGcmSealed sealed;
    sealed.ciphertext.resize(plaintext.size());
    sealed.tag.resize(kAesGcmTagBytes);
    int length = 0;
    unsigned char final_block[16];
    // Failures here mean OpenSSL itself is broken: there is no input that makes them fail.
    bool ok = EVP_EncryptInit_ex2(context, nullptr, key.data(), bytes_of(iv), nullptr) == 1
        && EVP_EncryptUpdate(context, nullptr, &length, bytes_of(aad), int(aad.size())) == 1
        && (plaintext.empty()
            || EVP_EncryptUpdate(context, reinterpret_cast<unsigned char*>(sealed.ciphertext.data()), &length,
                   bytes_of(plaintext), int(plaintext.size()))
                == 1)
        && EVP_EncryptFinal_ex(context, final_block, &length) == 1
        && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, int(kAesGcmTagBytes), sealed.tag.data()) == 1;
    if (!ok)
        throw std::runtime_error("AES-256-GCM encryption failed");
    return sealed;
}

bool aes256_gcm_open(AesGcmKey const& key, std::string_view iv, std::string_view aad, std::string_view ciphertext,
    std::string_view tag, std::string& plaintext)
{
    if (iv.size() != kAesGcmIvBytes || tag.size() != kAesGcmTagBytes || !fits_int(aad) || !fits_int(ciphertext))
        return false;
    auto* context = thread_contexts().open();
    plaintext.resize(ciphertext.size());
    int length = 0;
    unsigned char final_block[16];
    // The tag is set before any data so that DecryptFinal checks it; the bytes only count once it passes.
    bool ok = EVP_DecryptInit_ex2(context, nullptr, key.data(), bytes_of(iv), nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, int(kAesGcmTagBytes), const_cast<char*>(tag.data())) == 1
        && EVP_DecryptUpdate(context, nullptr, &length, bytes_of(aad), int(aad.size())) == 1
        && (ciphertext.empty()
            || EVP_DecryptUpdate(context, reinterpret_cast<unsigned char*>(plaintext.data()), &length,
                   bytes_of(ciphertext), int(ciphertext.size()))
                == 1)
        && EVP_DecryptFinal_ex(context, final_block, &length) > 0;
    if (!ok)
        plaintext.clear();
    return ok;
}

}
