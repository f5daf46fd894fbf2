#pragma once
// Test helper: an HTTPS server on 127.0.0.1 with a freshly made self-signed certificate (subject
// alternative name IP:127.0.0.1), to check that the client verifies peers and honours a CA bundle.
#include "core/asio.hpp"

#include <boost/asio/ssl.hpp>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <stdexcept>
#include <string>
#include <thread>

namespace mmsgate::testing {

struct TestCertificate {
    std::string certificate_pem;
    std::string private_key_pem;
};

inline std::string bio_text(BIO* bio)
{
    char* data = nullptr;
    auto length = BIO_get_mem_data(bio, &data);
    std::string text(data, std::size_t(length));
    BIO_free(bio);
    return text;
}

inline void add_extension(X509* certificate, int nid, char const* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        throw std::runtime_error("X509V3_EXT_conf_nid failed");
    X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
}

inline TestCertificate make_self_signed_certificate()
{
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* certificate = X509_new();
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 24 * 3600);
    X509_set_pubkey(certificate, key);
    X509_NAME* name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("mmsgate test"), -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    add_extension(certificate, NID_subject_alt_name, "IP:127.0.0.1");
    add_extension(certificate, NID_basic_constraints, "critical,CA:TRUE");
    X509_sign(certificate, key, EVP_sha256());
    BIO* certificate_bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(certificate_bio, certificate);
    BIO* key_bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(key_bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    X509_free(certificate);
    EVP_PKEY_free(key);
    return { bio_text(certificate_bio), bio_text(key_bio) };
}

// Answers every request with 200 and body "secure".
class TlsServer {
public:
    explicit TlsServer(TestCertificate const& certificate)
        : m_tls(net::ssl::context::tls_server)
        , m_acceptor(m_io, { net::ip::make_address("127.0.0.1"), 0 })
    {
        m_tls.use_certificate_chain(net::buffer(certificate.certificate_pem));
        m_tls.use_private_key(net::buffer(certificate.private_key_pem), net::ssl::context::pem);
        net::co_spawn(m_io, accept_loop(this), net::detached);
        m_thread = std::thread([this] { m_io.run(); });
    }

    ~TlsServer()
    {
        m_io.stop();
        m_thread.join();
    }

    [[nodiscard]] std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }

private:
    static Awaitable<void> accept_loop(TlsServer* server)
    {
        while (true) {
            boost::system::error_code error;
            auto socket = co_await server->m_acceptor.async_accept(net::redirect_error(net::use_awaitable, error));
            if (error)
                co_return;
            net::co_spawn(server->m_io, serve(net::ssl::stream<net::ip::tcp::socket>(std::move(socket), server->m_tls)),
                net::detached);
        }
    }

    static Awaitable<void> serve(net::ssl::stream<net::ip::tcp::socket> stream)
    {
        boost::system::error_code error;
        co_await stream.async_handshake(net::ssl::stream_base::server, net::redirect_error(net::use_awaitable, error));
        if (error)
            co_return;
        beast::flat_buffer buffer;
        http::request<http::string_body> request;
        co_await http::async_read(stream, buffer, request, net::redirect_error(net::use_awaitable, error));
        if (error)
            co_return;
        http::response<http::string_body> response { http::status::ok, 11 };
        response.body() = "secure";
        response.keep_alive(false);
        response.prepare_payload();
        co_await http::async_write(stream, response, net::redirect_error(net::use_awaitable, error));
        co_await stream.async_shutdown(net::redirect_error(net::use_awaitable, error));
    }

    net::io_context m_io;
    net::ssl::context m_tls;
    net::ip::tcp::acceptor m_acceptor;
    std::thread m_thread;
};

}
