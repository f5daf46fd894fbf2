#include "auth/hkdf.hpp"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

namespace mmsgate {

namespace {

struct KdfDeleter {
    void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
    void operator()(EVP_KDF_CTX* context) const { EVP_KDF_CTX_free(context); }
};

// OSSL_PARAM wants a non-null pointer even for an empty octet string.
OSSL_PARAM octet_parameter(char const* name, std::string_view bytes)
{
    static unsigned char empty = 0;
    void* data = bytes.empty() ? static_cast<void*>(&empty) : const_cast<char*>(bytes.data());
    return OSSL_PARAM_construct_octet_string(name, data, bytes.size());
}

}

std::string hkdf_sha256(std::string_view ikm, std::string_view salt, std::string_view info, std::size_t length)
{
    // Derivation runs once per secret at start-up, so fetching the algorithm each time costs nothing that matters.
    std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
    if (!kdf)
        throw std::runtime_error("OpenSSL has no HKDF implementation");
    std::unique_ptr<EVP_KDF_CTX, KdfDeleter> context(EVP_KDF_CTX_new(kdf.get()));
    if (!context)
        throw std::runtime_error("EVP_KDF_CTX_new failed");
    static char digest[] = "SHA256";
    OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        octet_parameter(OSSL_KDF_PARAM_KEY, ikm),
        octet_parameter(OSSL_KDF_PARAM_SALT, salt),
        octet_parameter(OSSL_KDF_PARAM_INFO, info),
        OSSL_PARAM_construct_end(),
    };
    std::string output(length, '\0');
    // Only an impossible request (length above 255 * 32) or a broken OpenSSL makes this fail.
    if (EVP_KDF_derive(context.get(), reinterpret_cast<unsigned char*>(output.data()), length, parameters) != 1)
        throw std::invalid_argument("HKDF-SHA256 derivation failed (length too large?)");
    return output;
}

}
